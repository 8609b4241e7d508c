package io.chronoshadow.prophet.series;

import java.time.Instant;

/**
 * The value of one completed analysis step. {@code time} is the step's end (steps are right-closed
 * intervals {@code (time - step, time]}); {@code value} is NaN when the step is missing.
 */
public record ResampledPoint(Instant time, double value) {
  public boolean isMissing() {
    return Double.isNaN(value);
  }
}

package io.chronoshadow.prophet.series;

import java.time.Instant;
import java.util.Objects;

/** One irregular observation of a metric, e.g. a value taken from one shadow's statistics. */
public record Observation(Instant time, double value) {
  public Observation {
    Objects.requireNonNull(time, "time");
  }
}

package io.chronoshadow.prophet.predict;

import io.chronoshadow.prophet.model.Forecaster;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The latest state of one series: its live model, the time of the last step it absorbed, and the
 * step length. The predictor only reads the model ({@link Forecaster#forecast} is side-effect
 * free).
 */
public record SeriesState(String seriesId, Instant lastStep, Duration step, Forecaster forecaster) {
  public SeriesState {
    Objects.requireNonNull(seriesId, "seriesId");
    Objects.requireNonNull(lastStep, "lastStep");
    Objects.requireNonNull(forecaster, "forecaster");
    if (step.isNegative() || step.isZero()) {
      throw new IllegalArgumentException("step must be positive");
    }
  }
}

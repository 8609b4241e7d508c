package io.chronoshadow.prophet.engine;

import io.chronoshadow.prophet.features.SeriesKey;
import io.chronoshadow.prophet.model.Forecaster;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where learned models meet the engine: every completed step of every series passes through it.
 * When a learned model serves the series, it returns that model's verdict and forecast, which then
 * replace the statistical ones in the step's output; otherwise the statistical model answers.
 * Called on the stream thread, so it must never block (training happens elsewhere).
 */
public interface LearnedHook {

  /** What a learned model says about one step. */
  record LearnedStep(
      io.chronoshadow.prophet.anomaly.AnomalyResult verdict,
      String model,
      java.util.List<ForecastPoint> forecast) {}

  /**
   * @param statistical the series' statistical model after this step, or null while it warms up
   */
  Optional<LearnedStep> onStep(
      SeriesKey key,
      String displayName,
      Instant time,
      double value,
      Duration step,
      Forecaster statistical);

  /** No learned models: the statistical ones answer everywhere. */
  LearnedHook NONE = (key, name, time, value, step, statistical) -> Optional.empty();
}

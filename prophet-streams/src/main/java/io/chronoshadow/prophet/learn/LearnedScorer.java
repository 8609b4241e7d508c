package io.chronoshadow.prophet.learn;

import io.chronoshadow.prophet.anomaly.AnomalyResult;
import io.chronoshadow.prophet.anomaly.DetectorStatus;
import io.chronoshadow.prophet.anomaly.Explanations;
import io.chronoshadow.prophet.anomaly.Severity;
import io.chronoshadow.prophet.anomaly.Thresholds;
import io.chronoshadow.prophet.eval.ForecastMetrics;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Scores a step of a series with the learned model that serves it, through the same {@link
 * AnomalyResult} contract (and the same thresholds and wording) as the statistical detector.
 *
 * <p>Score: the residual from the one-step median over σ, where σ is read off the model's own
 * outermost quantiles — for a Gaussian the spread between levels 1−p and p is 2·z(p)·σ — so a model
 * that has learned that a series is noisy at night alarms less at night. The same step feeds the
 * drift monitor of the series; drift calls {@code onDrift} once per served model.
 */
public final class LearnedScorer {

  private final ServingModels serving;
  private final Thresholds thresholds;
  private final double driftFactor;
  private final int driftWindow;
  private final Consumer<String> onDrift;
  private final Map<String, Monitor> monitors = new ConcurrentHashMap<>();

  private record Monitor(String versionId, DriftMonitor drift) {}

  public LearnedScorer(
      ServingModels serving,
      Thresholds thresholds,
      LearningSettings settings,
      Consumer<String> onDrift) {
    this.serving = serving;
    this.thresholds = thresholds;
    this.driftFactor = settings.driftFactor();
    this.driftWindow = settings.driftWindow();
    this.onDrift = onDrift;
  }

  /**
   * The verdict on {@code observed} at {@code time}, the step right after {@code history}; empty
   * when no learned model serves the series (the statistical detector's result stands).
   *
   * @param name how the explanation names the series, e.g. "row count of shop.orders"
   */
  public Optional<AnomalyResult> score(
      SeriesHistory history, String name, Instant time, double observed) {
    Optional<ServingModels.Serving> current = serving.servingFor(history.id());
    if (current.isEmpty()) {
      return Optional.empty();
    }
    Optional<QuantileForecast> forecast;
    try {
      forecast = serving.forecast(history);
    } catch (IllegalArgumentException incompleteWindow) {
      return Optional.empty();
    }
    if (forecast.isEmpty()) {
      return Optional.empty();
    }
    QuantileForecast f = forecast.get();
    double expected = f.point(1);
    double[] levels = f.levels();
    double z = new NormalDistribution().inverseCumulativeProbability(levels[levels.length - 1]);
    double sigma = Math.max((f.highest(1) - f.lowest(1)) / (2 * z), 1e-9 * Math.abs(expected));
    double halfWidth = thresholds.warning() * sigma;
    if (!Double.isFinite(observed)) {
      return Optional.of(
          result(
              history.id(),
              time,
              observed,
              expected,
              halfWidth,
              Double.NaN,
              Severity.NONE,
              DetectorStatus.MISSING,
              name + ": no observation; learned model expected " + expected));
    }
    double score = Math.abs(observed - expected) / sigma;
    Severity severity = thresholds.classify(score);
    watchDrift(current.get(), history, observed - expected);
    String explanation =
        Explanations.scored(name, time, observed, expected, halfWidth, score, severity, false)
            + " [model "
            + current.get().version().id()
            + "]";
    return Optional.of(
        result(
            history.id(),
            time,
            observed,
            expected,
            halfWidth,
            score,
            severity,
            DetectorStatus.SCORED,
            explanation));
  }

  private static AnomalyResult result(
      String seriesId,
      Instant time,
      double observed,
      double expected,
      double halfWidth,
      double score,
      Severity severity,
      DetectorStatus status,
      String explanation) {
    return new AnomalyResult(
        seriesId,
        time,
        observed,
        expected,
        expected - halfWidth,
        expected + halfWidth,
        score,
        severity,
        status,
        false,
        explanation);
  }

  private void watchDrift(ServingModels.Serving s, SeriesHistory history, double error) {
    String versionId = s.version().id();
    Monitor m =
        monitors.compute(
            history.id(),
            (id, old) ->
                old != null && old.versionId().equals(versionId)
                    ? old
                    : new Monitor(
                        versionId, new DriftMonitor(s.backtestMase(), driftFactor, driftWindow)));
    double scale = ForecastMetrics.seasonalNaiveScale(history.values(), history.period());
    if (scale > 0 && m.drift().observe(Math.abs(error) / scale)) {
      onDrift.accept(history.id());
    }
  }
}

package io.chronoshadow.prophet.anomaly;

import io.chronoshadow.prophet.model.ModelKind;
import io.chronoshadow.prophet.model.SeasonalityDetector;
import java.util.Objects;

/**
 * Settings of one series' detector.
 *
 * @param displayName what the explanation calls the metric, e.g. "stock sum of shop.products"
 * @param period season length in steps; 0 = detect at the end of warm-up (ACF over {@code
 *     seasonality}'s candidates)
 * @param minWarmupSteps cold start lasts at least this many steps ...
 * @param warmupSeasons ... and at least this many seasons (of the configured period; when the
 *     period is detected, at least three of the largest candidate, which detection needs), and at
 *     least what the model needs to fit
 * @param residualWindow how many recent residuals the robust scale (MAD) is computed over
 * @param acceptShiftAfter a run of this many consecutive same-direction alarms is accepted as a new
 *     level; until then anomalous observations never enter the model
 * @param refitEvery refit the model on the retained (cleaned) history every this many steps; 0 =
 *     ten seasons, at least 200 steps
 * @param minRelativeScale the scale never drops below this fraction of |expected|, so that a series
 *     that was flat for a long time (a table nobody writes to) does not raise a critical alarm for
 *     one inserted row; 0.001 means a warning needs a move of at least 0.5%
 * @param minAbsoluteScale the scale never drops below this value either (0 = no floor): for a
 *     series of counts per step, one event per step is the resolution of the data, and a table
 *     nobody deletes from must not turn its first delete into a score in the billions
 * @param countUnit 0 for a continuous series; otherwise the series counts things and this is one of
 *     them in the series' units (1 for a row count; 1 / step seconds for events per second): the
 *     predictive sd is at least half a count and a step is scored by its distance less half a count
 *     (a continuity correction), so no interval is narrower than the data can resolve
 * @param poissonCounts the counts are of independent events (changes per step): their variance is
 *     at least their expected number, as a Poisson count's, however quiet the recent residuals
 */
public record DetectorConfig(
    String seriesId,
    String displayName,
    int period,
    SeasonalityDetector seasonality,
    int minWarmupSteps,
    int warmupSeasons,
    ModelChoice model,
    Thresholds thresholds,
    int residualWindow,
    int acceptShiftAfter,
    int refitEvery,
    double minRelativeScale,
    double minAbsoluteScale,
    double countUnit,
    boolean poissonCounts) {
  public DetectorConfig {
    Objects.requireNonNull(seriesId, "seriesId");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(seasonality, "seasonality");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(thresholds, "thresholds");
    if (period < 0 || minWarmupSteps < 1 || warmupSeasons < 1 || residualWindow < 8) {
      throw new IllegalArgumentException(
          "period >= 0, minWarmupSteps >= 1, warmupSeasons >= 1, residualWindow >= 8 required");
    }
    if (acceptShiftAfter < 1
        || refitEvery < 0
        || !(minRelativeScale >= 0)
        || !(minAbsoluteScale >= 0)
        || !(countUnit >= 0)) {
      throw new IllegalArgumentException(
          "acceptShiftAfter >= 1, refitEvery >= 0, minRelativeScale >= 0 and minAbsoluteScale >= 0"
              + " and countUnit >= 0 required");
    }
  }

  /**
   * Detected period, backtested model, 2 seasons or 48 steps warm-up, 3-step shift acceptance,
   * scale at least 0.1% of the expected value.
   */
  public static DetectorConfig defaults(String seriesId, String displayName) {
    return new DetectorConfig(
        seriesId,
        displayName,
        0,
        SeasonalityDetector.defaults(),
        48,
        2,
        ModelChoice.backtestedDefault(),
        Thresholds.defaults(),
        96,
        3,
        0,
        0.001,
        0,
        0,
        false);
  }

  public DetectorConfig withPeriod(int newPeriod) {
    return new DetectorConfig(
        seriesId,
        displayName,
        newPeriod,
        seasonality,
        minWarmupSteps,
        warmupSeasons,
        model,
        thresholds,
        residualWindow,
        acceptShiftAfter,
        refitEvery,
        minRelativeScale,
        minAbsoluteScale,
        countUnit,
        poissonCounts);
  }

  public DetectorConfig withSeasonality(SeasonalityDetector newSeasonality) {
    return new DetectorConfig(
        seriesId,
        displayName,
        period,
        newSeasonality,
        minWarmupSteps,
        warmupSeasons,
        model,
        thresholds,
        residualWindow,
        acceptShiftAfter,
        refitEvery,
        minRelativeScale,
        minAbsoluteScale,
        countUnit,
        poissonCounts);
  }

  public DetectorConfig withModel(ModelChoice newModel) {
    return new DetectorConfig(
        seriesId,
        displayName,
        period,
        seasonality,
        minWarmupSteps,
        warmupSeasons,
        newModel,
        thresholds,
        residualWindow,
        acceptShiftAfter,
        refitEvery,
        minRelativeScale,
        minAbsoluteScale,
        countUnit,
        poissonCounts);
  }

  public DetectorConfig withModel(ModelKind kind) {
    return withModel(ModelChoice.fixed(kind));
  }

  public DetectorConfig withWarmup(int newMinWarmupSteps, int newWarmupSeasons) {
    return new DetectorConfig(
        seriesId,
        displayName,
        period,
        seasonality,
        newMinWarmupSteps,
        newWarmupSeasons,
        model,
        thresholds,
        residualWindow,
        acceptShiftAfter,
        refitEvery,
        minRelativeScale,
        minAbsoluteScale,
        countUnit,
        poissonCounts);
  }

  public DetectorConfig withRefitEvery(int steps) {
    return new DetectorConfig(
        seriesId,
        displayName,
        period,
        seasonality,
        minWarmupSteps,
        warmupSeasons,
        model,
        thresholds,
        residualWindow,
        acceptShiftAfter,
        steps,
        minRelativeScale,
        minAbsoluteScale,
        countUnit,
        poissonCounts);
  }

  public DetectorConfig withAcceptShiftAfter(int steps) {
    return new DetectorConfig(
        seriesId,
        displayName,
        period,
        seasonality,
        minWarmupSteps,
        warmupSeasons,
        model,
        thresholds,
        residualWindow,
        steps,
        refitEvery,
        minRelativeScale,
        minAbsoluteScale,
        countUnit,
        poissonCounts);
  }

  public DetectorConfig withMinRelativeScale(double fraction) {
    return new DetectorConfig(
        seriesId,
        displayName,
        period,
        seasonality,
        minWarmupSteps,
        warmupSeasons,
        model,
        thresholds,
        residualWindow,
        acceptShiftAfter,
        refitEvery,
        fraction,
        minAbsoluteScale,
        countUnit,
        poissonCounts);
  }

  public DetectorConfig withMinAbsoluteScale(double scale) {
    return new DetectorConfig(
        seriesId,
        displayName,
        period,
        seasonality,
        minWarmupSteps,
        warmupSeasons,
        model,
        thresholds,
        residualWindow,
        acceptShiftAfter,
        refitEvery,
        minRelativeScale,
        scale,
        countUnit,
        poissonCounts);
  }

  public DetectorConfig withThresholds(Thresholds newThresholds) {
    return new DetectorConfig(
        seriesId,
        displayName,
        period,
        seasonality,
        minWarmupSteps,
        warmupSeasons,
        model,
        newThresholds,
        residualWindow,
        acceptShiftAfter,
        refitEvery,
        minRelativeScale,
        minAbsoluteScale,
        countUnit,
        poissonCounts);
  }

  /** A series of counts (see {@code countUnit}, {@code poissonCounts}). */
  public DetectorConfig withCounts(double unit, boolean poisson) {
    return new DetectorConfig(
        seriesId,
        displayName,
        period,
        seasonality,
        minWarmupSteps,
        warmupSeasons,
        model,
        thresholds,
        residualWindow,
        acceptShiftAfter,
        refitEvery,
        minRelativeScale,
        minAbsoluteScale,
        unit,
        poisson);
  }

  /**
   * The number of steps before the first possible alarm: the configured minimum and seasons, and at
   * least enough to fit the model (2 seasons + 2), then one more season (at least 24 steps) of
   * honest one-step residuals to start the scale from, plus one horizon when the model is chosen by
   * backtest.
   */
  public int warmupSteps() {
    int seasonLength = period > 0 ? period : seasonality.maxCandidate();
    // Detecting a period needs three seasons of it (see SeasonalityDetector).
    int seasons = period > 0 ? warmupSeasons : Math.max(warmupSeasons, 3);
    int steps = Math.max(minWarmupSteps, seasons * seasonLength);
    int fitNeed = (seasonLength > 1 ? 2 * seasonLength + 2 : 6) + Math.max(seasonLength, 24);
    if (model instanceof ModelChoice.Backtested b) {
      fitNeed += b.horizonFor(seasonLength);
    }
    return Math.max(steps, fitNeed);
  }

  int effectiveRefitEvery(int seasonLength) {
    return refitEvery > 0 ? refitEvery : Math.max(200, 10 * seasonLength);
  }

  /** Steps of cleaned history kept after warm-up for refits. */
  static int historyCapacity(int seasonLength) {
    // Eight seasons give refits a stable seasonal estimate; capped so that long seasons (e.g.
    // 288 five-minute steps) do not cost tens of kilobytes per series.
    return Math.max(200, Math.min(8 * seasonLength, 1008));
  }
}

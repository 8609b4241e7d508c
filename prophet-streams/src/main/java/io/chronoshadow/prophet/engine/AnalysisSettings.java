package io.chronoshadow.prophet.engine;

import io.chronoshadow.prophet.anomaly.DetectorConfig;
import io.chronoshadow.prophet.anomaly.ModelChoice;
import io.chronoshadow.prophet.features.WatchRules;
import io.chronoshadow.prophet.model.SeasonalityDetector;
import io.chronoshadow.prophet.series.MetricKind;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How series are built and analysed (validated by the app config, which names the keys).
 *
 * @param defaultStep the analysis step of every group without its own
 * @param stepByGroup per-group analysis steps
 * @param maxCarrySteps how far a value may reach across steps without a new shadow (see {@code
 *     Resampler}); beyond it steps are missing
 * @param horizon forecast steps ahead published per step
 * @param intervalLevel probability of each forecast step's [lower, upper]
 * @param historySteps resampled steps kept per series; the detector is rebuilt from them on restore
 * @param period season length in steps; 0 = detected among an hour, a day and a week of steps
 * @param minWarmupSteps the detector's minimum cold start (its default is 48)
 * @param model {@code auto} (backtest) or a family's short name
 * @param publishAllSteps true: every step's verdict goes to the anomalies topic; false: alarms only
 * @param watch per group, the series explicitly watched or not (see {@code SeriesRoles})
 * @param alarms how often a calibrated clean series may alarm, which sets the severities
 */
public record AnalysisSettings(
    Duration defaultStep,
    Map<String, Duration> stepByGroup,
    int maxCarrySteps,
    int horizon,
    double intervalLevel,
    int historySteps,
    int period,
    int minWarmupSteps,
    String model,
    boolean publishAllSteps,
    boolean columnMetrics,
    Pattern columnExclude,
    WatchRules watch,
    AlarmRates alarms) {

  public static final Duration DEFAULT_STEP = Duration.ofMinutes(5);
  public static final int DEFAULT_MAX_CARRY_STEPS = 12;
  public static final int DEFAULT_HORIZON = 12;
  public static final double DEFAULT_INTERVAL_LEVEL = 0.8;
  public static final int DEFAULT_HISTORY_STEPS = 1008;

  public AnalysisSettings {
    Objects.requireNonNull(defaultStep, "defaultStep");
    stepByGroup = Map.copyOf(stepByGroup);
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(columnExclude, "columnExclude");
    Objects.requireNonNull(watch, "watch");
    Objects.requireNonNull(alarms, "alarms");
  }

  /** With the default alarm rates. */
  public AnalysisSettings(
      Duration defaultStep,
      Map<String, Duration> stepByGroup,
      int maxCarrySteps,
      int horizon,
      double intervalLevel,
      int historySteps,
      int period,
      int minWarmupSteps,
      String model,
      boolean publishAllSteps,
      boolean columnMetrics,
      Pattern columnExclude,
      WatchRules watch) {
    this(
        defaultStep,
        stepByGroup,
        maxCarrySteps,
        horizon,
        intervalLevel,
        historySteps,
        period,
        minWarmupSteps,
        model,
        publishAllSteps,
        columnMetrics,
        columnExclude,
        watch,
        AlarmRates.defaults());
  }

  /** Five-minute steps, detected seasonality, backtested models, the detector's own warm-up. */
  public static AnalysisSettings defaults() {
    return new AnalysisSettings(
        DEFAULT_STEP,
        Map.of(),
        DEFAULT_MAX_CARRY_STEPS,
        DEFAULT_HORIZON,
        DEFAULT_INTERVAL_LEVEL,
        DEFAULT_HISTORY_STEPS,
        0,
        DetectorConfig.defaults("x", "x").minWarmupSteps(),
        "auto",
        false,
        true,
        Pattern.compile(io.chronoshadow.prophet.features.StatsFeatures.DEFAULT_COLUMN_EXCLUDE),
        WatchRules.none());
  }

  public Duration step(String group) {
    return stepByGroup.getOrDefault(group, defaultStep);
  }

  /**
   * The detector of one series whose group analyses at {@code step}, its severities set by the
   * alarm rates at that step. A rate series counts events per second, so its data cannot resolve
   * less than one event per step: that is its scale floor, and (but for bytes) its variance is at
   * least a Poisson count's. A row count is a count too: no interval narrower than a row.
   */
  public DetectorConfig detector(
      String seriesId, String displayName, MetricKind kind, Duration step) {
    DetectorConfig c =
        DetectorConfig.defaults(seriesId, displayName)
            .withModel(ModelChoice.named(model))
            .withPeriod(period)
            .withThresholds(alarms.thresholds(step));
    if (kind == MetricKind.RATE) {
      double oneEvent = 1000.0 / step.toMillis();
      c = c.withMinAbsoluteScale(oneEvent);
      // Bytes are not independent events: a row is hundreds of them, so no Poisson floor.
      if (!seriesId.endsWith("/bytes")) {
        c = c.withCounts(oneEvent, true);
      }
    } else if (seriesId.endsWith("/rows")) {
      c = c.withCounts(1, false);
    }
    c = c.withWarmup(minWarmupSteps, c.warmupSeasons());
    return period == 0 ? c.withSeasonality(SeasonalityDetector.forStep(step)) : c;
  }

  /** Steps of cold start for a series of a group analysed at {@code step}. */
  public int warmupSteps(Duration step) {
    return detector("x", "x", MetricKind.LEVEL, step).warmupSteps();
  }

  public AnalysisSettings withStep(Duration step) {
    return new AnalysisSettings(
        step,
        stepByGroup,
        maxCarrySteps,
        horizon,
        intervalLevel,
        historySteps,
        period,
        minWarmupSteps,
        model,
        publishAllSteps,
        columnMetrics,
        columnExclude,
        watch,
        alarms);
  }

  public AnalysisSettings withAlarms(AlarmRates newAlarms) {
    return new AnalysisSettings(
        defaultStep,
        stepByGroup,
        maxCarrySteps,
        horizon,
        intervalLevel,
        historySteps,
        period,
        minWarmupSteps,
        model,
        publishAllSteps,
        columnMetrics,
        columnExclude,
        watch,
        newAlarms);
  }
}

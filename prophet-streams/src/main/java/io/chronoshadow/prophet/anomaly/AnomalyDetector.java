package io.chronoshadow.prophet.anomaly;

import io.chronoshadow.prophet.model.FittedModel;
import io.chronoshadow.prophet.model.Forecaster;
import io.chronoshadow.prophet.model.ModelKind;
import io.chronoshadow.prophet.model.ModelSpec;
import io.chronoshadow.prophet.select.BacktestSelector;
import io.chronoshadow.prophet.stats.RobustStats;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Scores every new regular step of one series against its model's one-step forecast.
 *
 * <ul>
 *   <li><b>Cold start.</b> The first {@link DetectorConfig#warmupSteps()} steps only build history
 *       and return {@link DetectorStatus#WARMING_UP}; at the last of them the period is detected
 *       (if not configured) and the model is fitted (or chosen by backtest).
 *   <li><b>Predictive distribution.</b> Normal around the one-step forecast, with the variance of
 *       the recent out-of-sample one-step residuals (1.4826 × MAD, never below the model's running
 *       one-step error sd) net of the sampling noise their observations carried, plus the sampling
 *       variance of the step at hand (the squared standard error of a mean over few rows); counts
 *       of events have at least their Poisson variance and a Poisson or negative-binomial tail, and
 *       no count series an sd under half a count (see {@link DetectorConfig}).
 *   <li><b>Score.</b> The normal quantile of the step's two-sided tail probability ({@code
 *       (|observed − expected| − ½ count) / sd} but for counts of events); severities by {@link
 *       Thresholds}. Every scored step counts toward the empirical coverage of the 80% and 95%
 *       intervals ({@link #coverage()}).
 *   <li><b>Robust to seen anomalies.</b> A step scoring at or above the warning threshold does not
 *       reach the model with its raw value: the model is updated with its own forecast, the
 *       residual is kept out of the scale, and the cleaned history holds the forecast. A level
 *       shift is accepted only after {@code acceptShiftAfter} consecutive same-direction alarms:
 *       then the model's level moves by the median residual of that run and the run's raw values
 *       replace the forecasts in the history. Until then every step of the shift is an alarm.
 *   <li><b>Cost.</b> O(1) model update plus a sort of the residual window per step; the model is
 *       refitted on the cleaned history every {@code refitEvery} steps (offset per series so that
 *       many series do not refit on the same step).
 * </ul>
 *
 * Not thread-safe: one detector per series, driven by one thread.
 */
public final class AnomalyDetector {
  /** Fewer honest residuals than this give too noisy a MAD to start from. */
  static final int MIN_HONEST_RESIDUALS = 16;

  /** Half-widths of the central 80% and 95% normal intervals, in sd. */
  static final double Z80 = Thresholds.scoreOfTail(0.2);

  static final double Z95 = Thresholds.scoreOfTail(0.05);

  private final DetectorConfig config;
  private final int warmupSteps;

  private double[] warmup;
  private int warmupCount;
  private double warmupSampling;
  private int warmupSampled;

  private Forecaster forecaster;
  private HistoryRing history;
  private ResidualScale scale;
  private int refitEvery;
  private int stepsSinceFit;

  private Instant lastStep;

  private final CoverageWindow coverage = new CoverageWindow();
  private int totalScored;
  private int totalInside80;
  private int totalInside95;

  private final double[] runResiduals;
  private final double[] runObserved;
  private int runLength;
  private int runSign;

  public AnomalyDetector(DetectorConfig config) {
    this.config = config;
    this.warmupSteps = config.warmupSteps();
    this.warmup = new double[Math.min(warmupSteps, 64)];
    this.runResiduals = new double[config.acceptShiftAfter()];
    this.runObserved = new double[config.acceptShiftAfter()];
  }

  public DetectorConfig config() {
    return config;
  }

  /** The live model once warm; {@link Forecaster#forecast} does not change it. */
  public Optional<Forecaster> forecaster() {
    return Optional.ofNullable(forecaster);
  }

  /** The time of the last step observed, if any (with {@link #forecaster()}: a series state). */
  public Optional<Instant> lastStep() {
    return Optional.ofNullable(lastStep);
  }

  /** Empirical coverage of the 80% and 95% one-step intervals over the last ~960 scored steps. */
  public Coverage coverage() {
    return coverage.snapshot();
  }

  /** Empirical coverage over every step scored since this detector was built. */
  public Coverage totalCoverage() {
    return new Coverage(totalScored, totalInside80, totalInside95);
  }

  /** As {@link #observe(Instant, double, double)} for an observation without sampling error. */
  public AnomalyResult observe(Instant time, double observed) {
    return observe(time, observed, 0);
  }

  /**
   * Scores the step ending at {@code time}; {@code observed} NaN means the step is missing. Steps
   * must be consecutive (the caller resamples; a skipped step is passed as NaN). {@code
   * samplingVariance} is the variance of the observation itself around the quantity it estimates
   * (the squared standard error of a mean over few rows; 0 when it is exact).
   */
  public AnomalyResult observe(Instant time, double observed, double samplingVariance) {
    if (lastStep != null && !time.isAfter(lastStep)) {
      throw new IllegalArgumentException(
          config.seriesId() + ": step " + time + " is not after the last step " + lastStep);
    }
    lastStep = time;
    if (forecaster == null) {
      return warmUp(time, observed, samplingVariance);
    }
    AnomalyResult result = score(time, observed, samplingVariance);
    if (++stepsSinceFit >= refitEvery) {
      refit();
    }
    return result;
  }

  private AnomalyResult warmUp(Instant time, double observed, double samplingVariance) {
    if (warmupCount == warmup.length) {
      warmup = Arrays.copyOf(warmup, Math.min(warmupSteps, 2 * warmup.length));
    }
    warmup[warmupCount++] = observed;
    if (!Double.isNaN(observed) && samplingVariance > 0 && Double.isFinite(samplingVariance)) {
      warmupSampling += samplingVariance;
      warmupSampled++;
    }
    String explanation =
        Explanations.warmingUp(config.displayName(), time, warmupCount, warmupSteps);
    if (warmupCount == warmupSteps) {
      start(fillGaps(warmup));
      warmup = null;
    }
    return new AnomalyResult(
        config.seriesId(),
        time,
        observed,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Severity.NONE,
        DetectorStatus.WARMING_UP,
        false,
        explanation);
  }

  private void start(double[] y) {
    int period = config.period() > 0 ? config.period() : config.seasonality().detect(y);
    ModelSpec spec = chooseSpec(y, period);
    FittedModel fitted = spec.fit(y);
    forecaster = fitted.forecaster();
    history = new HistoryRing(Math.max(DetectorConfig.historyCapacity(period), spec.minHistory()));
    for (double v : y) {
      history.add(v);
    }
    scale = new ResidualScale(config.residualWindow());
    // The seed residuals' observations carried the warm-up's sampling noise; by step they are
    // not kept, and only their mean enters the predictive variance.
    double sampling = warmupSampled == 0 ? 0 : warmupSampling / warmupCount;
    for (double r : initialResiduals(spec, y, fitted, period)) {
      scale.add(r, sampling);
    }
    refitEvery = config.effectiveRefitEvery(period);
    stepsSinceFit = Math.floorMod(config.seriesId().hashCode(), refitEvery);
  }

  /**
   * Residuals that seed the scale. In-sample residuals understate the error (the initial seasonal
   * indices and the parameters were fitted to those very points; on a 4-season warm-up the MAD came
   * out ~30% low and clean series alarmed), so when the warm-up leaves room the scale starts from
   * honest one-step residuals: fit on the first part, then roll through the rest with updates.
   */
  private double[] initialResiduals(ModelSpec spec, double[] y, FittedModel fitted, int period) {
    int honestFrom = Math.max(spec.minHistory(), y.length / 2);
    if (y.length - honestFrom >= MIN_HONEST_RESIDUALS) {
      Forecaster probe = spec.fit(Arrays.copyOf(y, honestFrom)).forecaster();
      double[] out = new double[y.length - honestFrom];
      for (int t = honestFrom; t < y.length; t++) {
        out[t - honestFrom] = y[t] - probe.forecast(1).point();
        probe.update(y[t]);
      }
      return out;
    }
    double[] residuals = fitted.residuals();
    // Skip the first season: its residuals reflect the initial-state guess, not the model.
    int from =
        Math.min(Math.max(period, residuals.length - config.residualWindow()), residuals.length);
    return Arrays.copyOfRange(residuals, from, residuals.length);
  }

  private ModelSpec chooseSpec(double[] y, int period) {
    if (config.model() instanceof ModelChoice.Fixed fixed) {
      return fixed.kind().spec(period);
    }
    ModelChoice.Backtested backtested = (ModelChoice.Backtested) config.model();
    List<ModelSpec> candidates = backtested.candidates().stream().map(k -> k.spec(period)).toList();
    int horizon = backtested.horizonFor(period);
    int minFit = candidates.stream().mapToInt(ModelSpec::minHistory).max().orElse(2);
    int initial = Math.min(Math.max(minFit, y.length / 2), y.length - horizon);
    try {
      return new BacktestSelector(horizon, initial, 4).select(y, candidates, period).chosen();
    } catch (IllegalArgumentException tooShort) {
      return ModelKind.SEASONAL_NAIVE.spec(period);
    }
  }

  /**
   * The predictive sd of the next step: the forecast's own error (see {@link
   * ResidualScale#forecastSd}) plus this step's sampling error, so a mean over 3 rows is not judged
   * by the spread of means over 300 (and the reverse), and the sampling noise is not counted twice.
   */
  double predictiveSd(double expected, double samplingVariance) {
    double forecastSd = scale.forecastSd(forecaster.innovationSd());
    double own = samplingVariance > 0 && Double.isFinite(samplingVariance) ? samplingVariance : 0;
    double variance = forecastSd * forecastSd + own;
    if (config.poissonCounts() && config.countUnit() > 0) {
      variance = Math.max(variance, Math.max(expected, 0) * config.countUnit());
    }
    double floor =
        Math.max(
            Math.max(1e-9, config.minAbsoluteScale()),
            Math.max(
                Math.max(1e-6, config.minRelativeScale()) * Math.abs(expected),
                config.countUnit() / 2));
    return Math.max(floor, Math.sqrt(variance));
  }

  /**
   * The one-step predictive sd at a level of {@code expected}, for an observation with the series'
   * usual sampling error: what a forecast's intervals are scaled to, so that the published
   * intervals are those whose coverage is measured. NaN while warming up.
   */
  public double oneStepSd(double expected) {
    return forecaster == null ? Double.NaN : predictiveSd(expected, scale.meanSamplingVariance());
  }

  /**
   * The step's score: the normal quantile of its two-sided tail probability. Counts of events are
   * discrete and skewed when few: their tail is that of a count (see {@link CountTail}); other
   * series are normal, less half a count for a count such as rows (a continuity correction).
   */
  private double score(double residual, double expected, double sd) {
    double unit = config.countUnit();
    if (config.poissonCounts() && unit > 0) {
      double p = CountTail.twoSided((expected + residual) / unit, expected / unit, sd / unit);
      return Thresholds.scoreOfTail(Math.max(p, 1e-300));
    }
    return Math.max(0, Math.abs(residual) - unit / 2) / sd;
  }

  private AnomalyResult score(Instant time, double observed, double samplingVariance) {
    double expected = forecaster.forecast(1).point();
    double continuity = config.countUnit() / 2;
    if (Double.isNaN(observed)) {
      double sd = predictiveSd(expected, 0);
      double halfWidth = config.thresholds().warning() * sd + continuity;
      forecaster.update(Double.NaN);
      history.add(expected);
      return new AnomalyResult(
          config.seriesId(),
          time,
          observed,
          expected,
          expected - halfWidth,
          expected + halfWidth,
          Double.NaN,
          Severity.NONE,
          DetectorStatus.MISSING,
          false,
          Explanations.missing(config.displayName(), time, expected, halfWidth),
          sd,
          Double.NaN);
    }
    double sd = predictiveSd(expected, samplingVariance);
    double halfWidth = config.thresholds().warning() * sd + continuity;
    double residual = observed - expected;
    double score = score(residual, expected, sd);
    recordCoverage(score <= Z80, score <= Z95);
    Severity severity = config.thresholds().classify(score);
    boolean accepted = false;
    if (severity.isAlarm()) {
      accepted = recordAnomalous(residual, observed, samplingVariance);
      if (!accepted) {
        forecaster.update(expected);
        history.add(expected);
      }
    } else {
      runLength = 0;
      forecaster.update(expected + residual * weight(samplingVariance));
      history.add(observed);
      scale.add(residual, samplingVariance);
    }
    return new AnomalyResult(
        config.seriesId(),
        time,
        observed,
        expected,
        expected - halfWidth,
        expected + halfWidth,
        score,
        severity,
        DetectorStatus.SCORED,
        accepted,
        Explanations.scored(
            config.displayName(), time, observed, expected, halfWidth, score, severity, accepted),
        sd,
        Thresholds.tailOfScore(score));
  }

  /**
   * How much of a residual the model takes: all of it, unless the observation is noisier than the
   * series' observations usually are (a mean over a handful of rows among means over dozens); then
   * in proportion to its precision, as a Kalman filter weighs a noisy measurement, so one mean of
   * two rows does not drag the level that the next hundred-row mean is judged against.
   */
  private double weight(double samplingVariance) {
    if (!(samplingVariance > 0) || !Double.isFinite(samplingVariance)) {
      return 1;
    }
    double forecastSd = scale.forecastSd(forecaster.innovationSd());
    double usual = forecastSd * forecastSd + scale.meanSamplingVariance();
    return Math.min(1, usual / (forecastSd * forecastSd + samplingVariance));
  }

  private void recordCoverage(boolean inside80, boolean inside95) {
    coverage.record(inside80, inside95);
    totalScored++;
    totalInside80 += inside80 ? 1 : 0;
    totalInside95 += inside95 ? 1 : 0;
  }

  /** Tracks runs of same-direction alarms; returns true when this one completes a level shift. */
  private boolean recordAnomalous(double residual, double observed, double samplingVariance) {
    int sign = residual > 0 ? 1 : -1;
    if (runLength == 0 || sign != runSign) {
      runLength = 0;
      runSign = sign;
    }
    runResiduals[runLength] = residual;
    runObserved[runLength] = observed;
    runLength++;
    if (runLength < runResiduals.length) {
      return false;
    }
    double shift = RobustStats.median(runResiduals);
    forecaster.update(observed - shift);
    forecaster.shiftLevel(shift);
    // The steps of the run now count as normal data at the new level.
    history.add(observed);
    for (int back = 1; back < runLength; back++) {
      history.replace(back, runObserved[runLength - 1 - back]);
    }
    for (double r : runResiduals) {
      scale.add(r - shift, samplingVariance);
    }
    runLength = 0;
    return true;
  }

  private void refit() {
    stepsSinceFit = 0;
    ModelSpec spec = forecaster.spec();
    double[] y = history.toArray();
    if (y.length >= spec.minHistory()) {
      forecaster = spec.refit(y, forecaster).forecaster();
    }
  }

  /** Cold-start history may have gaps: carry the last value (or the first seen) into them. */
  private static double[] fillGaps(double[] y) {
    double[] out = y.clone();
    double last = Double.NaN;
    for (double v : out) {
      if (!Double.isNaN(v)) {
        last = v;
        break;
      }
    }
    for (int i = 0; i < out.length; i++) {
      if (Double.isNaN(out[i])) {
        out[i] = last;
      } else {
        last = out[i];
      }
    }
    return out;
  }
}

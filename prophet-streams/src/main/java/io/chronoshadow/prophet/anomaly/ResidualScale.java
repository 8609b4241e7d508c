package io.chronoshadow.prophet.anomaly;

import io.chronoshadow.prophet.stats.RobustStats;

/**
 * Robust scale of the recent out-of-sample (one-step-ahead) residuals of a (seasonal) model: 1.4826
 * × MAD over a ring of the last N normal residuals. Residuals of steps judged anomalous are not
 * added, so a burst of anomalies cannot widen the band that should catch it. Seasonality is already
 * removed because the residuals are taken against a seasonal model's forecast. A rolling window
 * also follows noise that grows and shrinks with the level (heteroscedasticity) within about a
 * window.
 *
 * <p>Each residual comes with the sampling variance of its observation (a mean over few rows has a
 * standard error; 0 otherwise), kept beside it: the residuals' spread holds that sampling noise, so
 * the forecast's own error sd is the one that, with each residual's sampling variance added,
 * standardises the window's residuals to a robust sd of one; the step at hand then adds its own.
 */
final class ResidualScale {
  private final double[] ring;
  // Only column means have sampling variances: the other series never allocate these.
  private double[] sampling;
  private final double[] scratch;
  private double[] standardised;
  private double samplingSum;
  private int count;
  private int next;
  // forecastSd is asked for more than once a step (the score, the model's weight, each forecast
  // step's interval), and costs a sort of the window (with sampling variances, a bisection of
  // them): kept until the window or the model's sd changes.
  private long version;
  private long cachedVersion = -1;
  private double cachedModelSd = Double.NaN;
  private double cachedForecastSd;

  ResidualScale(int window) {
    this.ring = new double[window];
    this.scratch = new double[window];
  }

  void add(double residual) {
    add(residual, 0);
  }

  void add(double residual, double samplingVariance) {
    if (Double.isNaN(residual)) {
      return;
    }
    double v = samplingVariance > 0 && Double.isFinite(samplingVariance) ? samplingVariance : 0;
    if (v > 0 && sampling == null) {
      sampling = new double[ring.length];
      standardised = new double[ring.length];
    }
    if (sampling != null) {
      if (count == ring.length) {
        samplingSum -= sampling[next];
      }
      sampling[next] = v;
      samplingSum += v;
    }
    ring[next] = residual;
    next = (next + 1) % ring.length;
    count = Math.min(count + 1, ring.length);
    version++;
  }

  /**
   * The robust sd of the residuals, but never below {@code modelSd}, the model's own running
   * one-step error sd. A MAD over ~100 residuals is itself noisy (about ±12% at one sd), and the
   * low draws are what turned clean steps into 5-sigma alarms (~3 per 100k steps in the benchmark);
   * the model's exponentially weighted sd is far steadier, and since the detector feeds alarming
   * steps to the model as its own forecast, anomalies do not inflate it.
   */
  double residualSd(double modelSd) {
    double model = Double.isNaN(modelSd) ? 0 : modelSd;
    if (count < 2) {
      return model;
    }
    double mad = RobustStats.MAD_TO_SD * RobustStats.mad(ring, count, scratch);
    return Math.max(mad, model);
  }

  /** Mean sampling variance of the observations behind the residuals in the window. */
  double meanSamplingVariance() {
    return count == 0 ? 0 : Math.max(0, samplingSum / count);
  }

  /**
   * The sd of the forecast's error apart from the sampling error of the observation it is compared
   * with. Without sampling variances it is {@link #residualSd}. With them, subtracting a mean
   * sampling variance from a robust (median-based) spread mixes two scales: when most means are
   * over many rows and a few over one or two, the mean is set by the few and the median by the
   * many, and the difference came out at zero while the model still carried the few's noise. So it
   * is found as the sd {@code s} for which {@code r_i / sqrt(s² + v_i)} has a robust sd of one
   * (bisection: the robust sd falls as {@code s} grows), and at least the model's running one-step
   * error variance less the mean sampling variance (both are means of squares).
   */
  double forecastSd(double modelSd) {
    double model = Double.isNaN(modelSd) ? 0 : modelSd;
    if (cachedVersion == version && cachedModelSd == model) {
      return cachedForecastSd;
    }
    cachedForecastSd = samplingSum <= 0 || count < 2 ? residualSd(model) : solveForecastSd(model);
    cachedVersion = version;
    cachedModelSd = model;
    return cachedForecastSd;
  }

  private double solveForecastSd(double model) {
    // The model's mean square, less a mean sampling variance that a few one-row means dominate, is
    // too noisy a floor here (it over-covered means of mixed row counts); a fraction keeps the
    // guard against a low MAD draw.
    double modelPart = 0.5 * Math.sqrt(Math.max(0, model * model - meanSamplingVariance()));
    if (standardisedSd(0) <= 1) {
      return modelPart;
    }
    double lo = 0;
    double hi = Math.max(residualSd(0), 1e-12);
    while (standardisedSd(hi) > 1) {
      hi *= 2;
    }
    // A MAD over ~100 residuals is ±12% noisy: 0.1% is precision enough, in about ten halvings.
    for (int i = 0; i < 30 && hi - lo > 1e-3 * hi; i++) {
      double mid = (lo + hi) / 2;
      if (standardisedSd(mid) > 1) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return Math.max(modelPart, hi);
  }

  private double standardisedSd(double s) {
    double s2 = s * s;
    double[] z = standardised;
    for (int i = 0; i < count; i++) {
      double v = s2 + sampling[i];
      z[i] = v > 0 ? ring[i] / Math.sqrt(v) : (ring[i] == 0 ? 0 : 1e300);
    }
    return RobustStats.MAD_TO_SD * RobustStats.mad(z, count, scratch);
  }

  /**
   * The residual scale floored at {@code minRelative} × |expected| and at {@code minAbsolute} (and
   * above zero) so that a long-flat history does not turn a tiny move into a huge score.
   */
  double scale(double expected, double modelSd, double minRelative, double minAbsolute) {
    double floor =
        Math.max(Math.max(1e-9, minAbsolute), Math.max(1e-6, minRelative) * Math.abs(expected));
    return Math.max(floor, residualSd(modelSd));
  }
}

package io.chronoshadow.prophet.anomaly;

import io.chronoshadow.prophet.stats.RobustStats;

/**
 * Robust scale of the recent residuals of a (seasonal) model: 1.4826 × MAD over a ring of the last
 * N normal residuals. Residuals of steps judged anomalous are not added, so a burst of anomalies
 * cannot widen the band that should catch it. Seasonality is already removed because the residuals
 * are taken against a seasonal model's forecast.
 */
final class ResidualScale {
  private final double[] ring;
  private final double[] scratch;
  private int count;
  private int next;

  ResidualScale(int window) {
    this.ring = new double[window];
    this.scratch = new double[window];
  }

  void add(double residual) {
    if (Double.isNaN(residual)) {
      return;
    }
    ring[next] = residual;
    next = (next + 1) % ring.length;
    count = Math.min(count + 1, ring.length);
  }

  /**
   * The robust sd, but never below {@code modelSd}, the model's own running one-step error sd. A
   * MAD over ~100 residuals is itself noisy (about ±12% at one sd), and the low draws are what
   * turned clean steps into 5-sigma alarms (~3 per 100k steps in the benchmark); the model's
   * exponentially weighted sd is far steadier, and since the detector feeds alarming steps to the
   * model as its own forecast, anomalies do not inflate it. Floored at {@code minRelative} ×
   * |expected| and at {@code minAbsolute} (and above zero) so that a long-flat history does not
   * turn a tiny move into a huge score.
   */
  double scale(double expected, double modelSd, double minRelative, double minAbsolute) {
    double floor =
        Math.max(Math.max(1e-9, minAbsolute), Math.max(1e-6, minRelative) * Math.abs(expected));
    double model = Double.isNaN(modelSd) ? 0 : modelSd;
    if (count < 2) {
      return Math.max(floor, model);
    }
    double mad = RobustStats.MAD_TO_SD * RobustStats.mad(ring, count, scratch);
    return Math.max(floor, Math.max(mad, model));
  }
}

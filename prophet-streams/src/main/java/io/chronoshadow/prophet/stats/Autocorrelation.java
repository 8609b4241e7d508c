package io.chronoshadow.prophet.stats;

/** Sample autocorrelation of a linearly detrended series. */
public final class Autocorrelation {
  private Autocorrelation() {}

  /**
   * Removes the least-squares line through the finite values (so a trend does not masquerade as
   * correlation at every lag); NaN stays NaN.
   */
  public static double[] detrend(double[] y) {
    double sumT = 0, sumY = 0, sumTT = 0, sumTY = 0;
    int n = 0;
    for (int t = 0; t < y.length; t++) {
      if (!Double.isNaN(y[t])) {
        sumT += t;
        sumY += y[t];
        sumTT += (double) t * t;
        sumTY += t * y[t];
        n++;
      }
    }
    double denominator = n * sumTT - sumT * sumT;
    double slope = (n < 2 || denominator == 0) ? 0 : (n * sumTY - sumT * sumY) / denominator;
    double intercept = n == 0 ? 0 : (sumY - slope * sumT) / n;
    double[] out = new double[y.length];
    for (int t = 0; t < y.length; t++) {
      out[t] = y[t] - (intercept + slope * t);
    }
    return out;
  }

  /**
   * ACF at {@code lag} with the usual biased estimator (divides by the full sum of squares), which
   * shrinks long lags and so prefers the shorter of two periods that fit equally well.
   */
  public static double at(double[] centered, int lag) {
    double denominator = 0;
    for (double v : centered) {
      if (!Double.isNaN(v)) {
        denominator += v * v;
      }
    }
    if (denominator == 0) {
      return 0;
    }
    double numerator = 0;
    for (int t = lag; t < centered.length; t++) {
      double a = centered[t];
      double b = centered[t - lag];
      if (!Double.isNaN(a) && !Double.isNaN(b)) {
        numerator += a * b;
      }
    }
    return numerator / denominator;
  }
}

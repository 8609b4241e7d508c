package io.chronoshadow.prophet.eval;

/** Point-forecast accuracy measures; pairs where either side is NaN are skipped. */
public final class ForecastMetrics {
  private ForecastMetrics() {}

  /**
   * Symmetric MAPE in percent: mean of {@code 200·|a−f| / (|a|+|f|)}; a pair with both zero counts
   * as a perfect forecast.
   */
  public static double smape(double[] actual, double[] forecast) {
    double sum = 0;
    int n = 0;
    for (int i = 0; i < actual.length; i++) {
      double a = actual[i];
      double f = forecast[i];
      if (Double.isNaN(a) || Double.isNaN(f)) {
        continue;
      }
      double denominator = Math.abs(a) + Math.abs(f);
      sum += denominator == 0 ? 0 : 200 * Math.abs(a - f) / denominator;
      n++;
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  public static double meanAbsoluteError(double[] actual, double[] forecast) {
    double sum = 0;
    int n = 0;
    for (int i = 0; i < actual.length; i++) {
      if (!Double.isNaN(actual[i]) && !Double.isNaN(forecast[i])) {
        sum += Math.abs(actual[i] - forecast[i]);
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /**
   * The MASE denominator: in-sample MAE of the seasonal naive one-step forecast on {@code
   * training}, {@code mean |y_t − y_{t−m}|} (m = 1 gives the naive scale).
   */
  public static double seasonalNaiveScale(double[] training, int period) {
    int m = Math.max(1, period);
    double sum = 0;
    int n = 0;
    for (int t = m; t < training.length; t++) {
      if (!Double.isNaN(training[t]) && !Double.isNaN(training[t - m])) {
        sum += Math.abs(training[t] - training[t - m]);
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /** MASE: out-of-sample MAE divided by {@link #seasonalNaiveScale} of the training data. */
  public static double mase(double[] actual, double[] forecast, double[] training, int period) {
    return meanAbsoluteError(actual, forecast) / seasonalNaiveScale(training, period);
  }
}

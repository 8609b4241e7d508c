package io.chronoshadow.prophet.model;

/** What a forecaster says about one future step: a point forecast and quantiles around it. */
public sealed interface PredictiveDistribution permits GaussianForecast, EmpiricalForecast {
  /** The point forecast. */
  double point();

  /** The {@code p}-quantile, {@code 0 < p < 1}. */
  double quantile(double p);

  /** The central interval holding probability {@code level} (e.g. 0.8 → 0.1 and 0.9 quantiles). */
  default Interval interval(double level) {
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("level must be in (0, 1), was " + level);
    }
    double tail = (1 - level) / 2;
    return new Interval(quantile(tail), quantile(1 - tail));
  }
}

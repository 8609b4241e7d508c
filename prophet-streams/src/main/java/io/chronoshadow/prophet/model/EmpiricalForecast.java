package io.chronoshadow.prophet.model;

import io.chronoshadow.prophet.stats.RobustStats;

/**
 * A point forecast plus an empirical error distribution: quantile p is {@code point + scale *
 * q_p(errors)}. The error sample is shared with the forecaster that made it and must not be
 * modified.
 */
public record EmpiricalForecast(double point, double[] sortedErrors, double scale)
    implements PredictiveDistribution {
  @Override
  public double quantile(double p) {
    if (!(p > 0 && p < 1)) {
      throw new IllegalArgumentException("p must be in (0, 1), was " + p);
    }
    if (sortedErrors.length == 0) {
      return point;
    }
    return point + scale * RobustStats.quantileOfSorted(sortedErrors, sortedErrors.length, p);
  }
}

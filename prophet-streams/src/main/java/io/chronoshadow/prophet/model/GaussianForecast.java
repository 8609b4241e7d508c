package io.chronoshadow.prophet.model;

import org.apache.commons.math3.special.Erf;

/** A normal predictive distribution (state-space models with additive Gaussian errors). */
public record GaussianForecast(double point, double sd) implements PredictiveDistribution {
  @Override
  public double quantile(double p) {
    if (!(p > 0 && p < 1)) {
      throw new IllegalArgumentException("p must be in (0, 1), was " + p);
    }
    return point + sd * standardNormalQuantile(p);
  }

  /** Φ⁻¹(p) without allocating a distribution object (this runs on every scored step). */
  public static double standardNormalQuantile(double p) {
    return Math.sqrt(2) * Erf.erfInv(2 * p - 1);
  }
}

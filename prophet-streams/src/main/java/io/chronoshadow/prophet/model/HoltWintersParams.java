package io.chronoshadow.prophet.model;

/**
 * Smoothing parameters of additive Holt-Winters in error-correction form (ETS(A,A,A), or
 * ETS(A,Ad,A) when {@code phi < 1}). {@code beta} is the trend gain applied to the raw error (α·β*
 * in Hyndman's notation), so the admissible region used here is 0 < α < 1, 0 ≤ β ≤ α, 0 ≤ γ ≤ 1 −
 * α, 0.8 ≤ φ ≤ 1.
 */
public record HoltWintersParams(double alpha, double beta, double gamma, double phi) {
  /** φ + φ² + … + φ^h: how much of the current trend reaches h steps ahead. */
  public double dampedSum(int h) {
    if (phi == 1) {
      return h;
    }
    return phi * (1 - Math.pow(phi, h)) / (1 - phi);
  }
}

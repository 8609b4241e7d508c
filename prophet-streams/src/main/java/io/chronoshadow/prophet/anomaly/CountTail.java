package io.chronoshadow.prophet.anomaly;

import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Gamma;

/**
 * Tail probabilities of a count of events under a Poisson distribution, or a negative binomial when
 * the series' out-of-sample errors say the counts vary more than a Poisson's (overdispersion is the
 * rule for changes to a table: they come in transactions and bursts). A normal tail misjudges few
 * counts: at a mean of 0.3 per step, three events in a step happen about once in 300 steps, where a
 * normal with the same variance puts it beyond one in 10,000.
 */
final class CountTail {
  /**
   * The smallest mean a step is judged against. A table nobody deletes from has an expected count
   * of zero, under which its first delete would be impossible; the data cannot tell a rate of 0
   * from one of 1 per step either (the same floor as the detector's one count per step).
   */
  static final double MIN_MEAN = 1;

  /** From this mean on a count is judged as a normal (with half a count of continuity). */
  static final double NORMAL_FROM = 1000;

  /** Overdispersion under 1% is a Poisson for any practical purpose, and a far cheaper tail. */
  private static final double POISSON_UP_TO = 1.01;

  private CountTail() {}

  /**
   * Two-sided tail probability of {@code observed} counts (rounded: rate steps average shadows and
   * need not be whole) for a count of mean {@code mean} and sd {@code sd}: twice the smaller of P(X
   * ≥ x) and P(X ≤ x), at most 1.
   */
  static double twoSided(double observed, double mean, double sd) {
    double mu = Math.max(MIN_MEAN, mean);
    double variance = Math.max(mu, sd * sd);
    if (mu >= NORMAL_FROM) {
      // Thousands per step: the count is as good as normal, and its tails cost microseconds more.
      return Thresholds.tailOfScore(Math.max(0, Math.abs(observed - mean) - 0.5) / sd);
    }
    long x = Math.max(0, Math.round(observed));
    double lower = cdf(x, mu, variance);
    double upper = x == 0 ? 1 : atLeast(x, mu, variance);
    return Math.min(1, 2 * Math.min(lower, upper));
  }

  /** P(X ≥ k) for k ≥ 1, computed directly: 1 − P(X ≤ k − 1) loses the far tail to rounding. */
  static double atLeast(long k, double mu, double variance) {
    if (variance <= mu * POISSON_UP_TO) {
      return Gamma.regularizedGammaP(k, mu);
    }
    double r = mu * mu / (variance - mu);
    double q = r / (r + mu);
    return Beta.regularizedBeta(1 - q, k, r);
  }

  /** P(X ≤ k). */
  static double cdf(long k, double mu, double variance) {
    if (variance <= mu * POISSON_UP_TO) {
      return Gamma.regularizedGammaQ(k + 1.0, mu);
    }
    // Negative binomial with mean mu and this variance: size r, success probability q.
    double r = mu * mu / (variance - mu);
    double q = r / (r + mu);
    return Beta.regularizedBeta(q, r, k + 1.0);
  }
}

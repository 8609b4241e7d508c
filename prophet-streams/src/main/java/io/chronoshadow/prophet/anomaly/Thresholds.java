package io.chronoshadow.prophet.anomaly;

import java.time.Duration;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Score thresholds for each severity; strictly increasing. The score is the step's distance from
 * the expected value in predictive standard deviations (the normal quantile of its two-sided tail
 * probability), so a threshold is a tail probability per step.
 */
public record Thresholds(double info, double warning, double critical) {
  /** Average days in a month, for rates "per month". */
  static final double DAYS_PER_MONTH = 365.25 / 12;

  private static final NormalDistribution NORMAL = new NormalDistribution();

  public Thresholds {
    if (!(info > 0 && info < warning && warning < critical)) {
      throw new IllegalArgumentException("need 0 < info < warning < critical");
    }
  }

  /**
   * 3.5 / 5 / 8 sigmas, for when the step length is unknown. With a known step prefer {@link
   * #forAlarmRates}, which ties each severity to how often a calibrated clean series may raise it.
   */
  public static Thresholds defaults() {
    return new Thresholds(3.5, 5, 8);
  }

  /**
   * Thresholds such that a series whose predictive distribution is calibrated raises, on average,
   * {@code warningsPerMonth} alarms (warning or critical) per month and {@code criticalsPerYear}
   * critical ones per year at this step length. INFO is ten times as frequent as a warning (at most
   * a step in five), so it is a hint, not noise.
   */
  public static Thresholds forAlarmRates(
      Duration step, double warningsPerMonth, double criticalsPerYear) {
    if (step.isZero() || step.isNegative()) {
      throw new IllegalArgumentException("step must be positive (was " + step + ")");
    }
    if (!(warningsPerMonth > 0) || !(criticalsPerYear > 0)) {
      throw new IllegalArgumentException("alarm rates must be positive");
    }
    if (!(criticalsPerYear / 12 < warningsPerMonth)) {
      throw new IllegalArgumentException(
          "critical alarms must be rarer than warnings (was "
              + criticalsPerYear
              + " per year against "
              + warningsPerMonth
              + " per month)");
    }
    double stepsPerMonth = DAYS_PER_MONTH * 86_400_000.0 / step.toMillis();
    double pWarning = warningsPerMonth / stepsPerMonth;
    double pCritical = criticalsPerYear / (12 * stepsPerMonth);
    if (!(pWarning <= 0.05)) {
      throw new IllegalArgumentException(
          warningsPerMonth
              + " warnings per month is more than one step in 20 at a step of "
              + step);
    }
    double pInfo = Math.min(0.2, 10 * pWarning);
    return new Thresholds(scoreOfTail(pInfo), scoreOfTail(pWarning), scoreOfTail(pCritical));
  }

  /** The score whose two-sided normal tail probability is {@code p}. */
  public static double scoreOfTail(double p) {
    return -NORMAL.inverseCumulativeProbability(p / 2);
  }

  /** The two-sided normal tail probability of a score: how often a calibrated step is this far. */
  public static double tailOfScore(double score) {
    return 2 * NORMAL.cumulativeProbability(-Math.abs(score));
  }

  public Severity classify(double score) {
    if (!(score >= info)) {
      return Severity.NONE;
    }
    if (score >= critical) {
      return Severity.CRITICAL;
    }
    return score >= warning ? Severity.WARNING : Severity.INFO;
  }
}

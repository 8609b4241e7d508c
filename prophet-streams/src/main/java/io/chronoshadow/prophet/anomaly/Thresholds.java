package io.chronoshadow.prophet.anomaly;

/** Score thresholds (score = |residual| / robust scale) for each severity; strictly increasing. */
public record Thresholds(double info, double warning, double critical) {
  public Thresholds {
    if (!(info > 0 && info < warning && warning < critical)) {
      throw new IllegalArgumentException("need 0 < info < warning < critical");
    }
  }

  /**
   * 3.5 / 5 / 8 robust sigmas: a Gaussian residual exceeds 5σ about once in 1.7 million steps, so a
   * clean series practically never warns, while the scale is the MAD of residuals and so not
   * inflated by the anomalies it is meant to catch.
   */
  public static Thresholds defaults() {
    return new Thresholds(3.5, 5, 8);
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

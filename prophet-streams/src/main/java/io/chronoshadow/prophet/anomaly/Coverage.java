package io.chronoshadow.prophet.anomaly;

/**
 * Empirical coverage of a series' one-step-ahead 80% and 95% prediction intervals: of the last
 * {@code scored} scored steps (every one, anomalies included: coverage is measured out of sample,
 * never on the steps the model was fitted to), how many fell inside each. A calibrated series
 * covers about 0.80 and 0.95; much less means its alarms come more often than their configured
 * rate, much more that they come late.
 */
public record Coverage(int scored, int inside80, int inside95) {
  public static final Coverage NONE = new Coverage(0, 0, 0);

  public Coverage {
    if (scored < 0 || inside80 < 0 || inside95 < 0 || inside80 > scored || inside95 > scored) {
      throw new IllegalArgumentException(
          "coverage counts out of range: " + scored + "/" + inside80 + "/" + inside95);
    }
  }

  /** Share of scored steps inside the 80% interval; NaN before the first. */
  public double coverage80() {
    return scored == 0 ? Double.NaN : (double) inside80 / scored;
  }

  /** Share of scored steps inside the 95% interval; NaN before the first. */
  public double coverage95() {
    return scored == 0 ? Double.NaN : (double) inside95 / scored;
  }

  public Coverage plus(Coverage other) {
    return new Coverage(
        scored + other.scored, inside80 + other.inside80, inside95 + other.inside95);
  }
}

package io.chronoshadow.prophet.anomaly;

import java.time.Instant;

/**
 * The verdict on one step of one series. {@code lower}/{@code upper} are the normal band, {@code
 * expected ± warning-threshold × scale}: outside it the step is an alarm. During warm-up the
 * expectation fields are NaN; for a missing step {@code observed} and {@code score} are NaN.
 *
 * @param levelShiftAccepted this step completed a run of same-direction anomalies long enough to be
 *     taken as the new normal (the model was moved to it)
 * @param sd the predictive standard deviation of this step (out-of-sample error, plus the sampling
 *     error of a mean, floored for counts); NaN when there is none
 * @param tailProbability how probable a step at least this far from the expected value is under the
 *     predictive distribution (two-sided); NaN when not scored
 */
public record AnomalyResult(
    String seriesId,
    Instant time,
    double observed,
    double expected,
    double lower,
    double upper,
    double score,
    Severity severity,
    DetectorStatus status,
    boolean levelShiftAccepted,
    String explanation,
    double sd,
    double tailProbability) {

  /** A verdict without a predictive distribution (e.g. from a scorer that has only quantiles). */
  public AnomalyResult(
      String seriesId,
      Instant time,
      double observed,
      double expected,
      double lower,
      double upper,
      double score,
      Severity severity,
      DetectorStatus status,
      boolean levelShiftAccepted,
      String explanation) {
    this(
        seriesId,
        time,
        observed,
        expected,
        lower,
        upper,
        score,
        severity,
        status,
        levelShiftAccepted,
        explanation,
        Double.NaN,
        Double.NaN);
  }

  public boolean isAlarm() {
    return severity.isAlarm();
  }

  /**
   * This verdict as INFO, its explanation followed by {@code why}: a series nobody watches is still
   * scored, but its anomalies are no alarm.
   */
  public AnomalyResult notAlarmed(String why) {
    return new AnomalyResult(
        seriesId,
        time,
        observed,
        expected,
        lower,
        upper,
        score,
        Severity.INFO,
        status,
        levelShiftAccepted,
        explanation + " (not alarmed: " + why + ")",
        sd,
        tailProbability);
  }

  public boolean isWarmingUp() {
    return status == DetectorStatus.WARMING_UP;
  }
}

package io.chronoshadow.devstack.workload;

import java.time.Duration;
import java.time.Instant;

/**
 * What one injected anomaly did, for oracles: tests and the Prophet's evaluation compare what they
 * detect against these records.
 *
 * @param anomaly which anomaly
 * @param sequence 1-based injection number within this workload
 * @param startedAt wall-clock time the first change was attempted
 * @param endedAt wall-clock time the last change committed (or the job was stopped)
 * @param rowsAffected rows changed by the anomaly's own transactions (ORDER_SPIKE: extra orders)
 * @param completed false when close() cut the anomaly short
 * @param detail human-readable specifics (factor, category, per-table counts)
 */
public record AnomalyInjection(
    Anomaly anomaly,
    long sequence,
    Instant startedAt,
    Instant endedAt,
    long rowsAffected,
    boolean completed,
    String detail) {

  public Duration duration() {
    return Duration.between(startedAt, endedAt);
  }

  /** The one log line that records this injection. */
  public String logLine() {
    return String.format(
        "anomaly %s #%d %s..%s rows=%d%s %s",
        anomaly,
        sequence,
        startedAt,
        endedAt,
        rowsAffected,
        completed ? "" : " (stopped early)",
        detail);
  }
}

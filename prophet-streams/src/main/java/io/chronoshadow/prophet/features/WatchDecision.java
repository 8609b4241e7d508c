package io.chronoshadow.prophet.features;

/**
 * Whether the prophet alarms on a series, and why in one line (shown by the API).
 *
 * @param watched false: the series is still analysed and forecast, but its anomalies are reported
 *     as INFO, never as WARNING or CRITICAL
 */
public record WatchDecision(boolean watched, String reason) {
  static WatchDecision watched(String reason) {
    return new WatchDecision(true, reason);
  }

  static WatchDecision ignored(String reason) {
    return new WatchDecision(false, reason);
  }
}

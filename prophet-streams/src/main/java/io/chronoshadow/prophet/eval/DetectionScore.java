package io.chronoshadow.prophet.eval;

/**
 * Event-wise detection quality. A labelled window (a run of consecutive anomalous steps starting at
 * s and ending at e) is detected if an alarm fires in {@code [s, max(e, s + D)]}; its delay is the
 * first such alarm's step minus s. An alarm event (a run of consecutive alarm steps) is true if any
 * of its steps falls in some window's detection range, false otherwise.
 *
 * <p>precision = true alarm events / alarm events (1 when there are none), recall = detected
 * windows / windows (1 when there are none), F1 their harmonic mean, mean delay over detected
 * windows (NaN when none).
 */
public record DetectionScore(
    int windows,
    int detectedWindows,
    int alarmEvents,
    int trueAlarmEvents,
    double precision,
    double recall,
    double f1,
    double meanDelaySteps) {

  /** Sums counts over several series and recomputes the ratios (micro average). */
  public static DetectionScore pooled(Iterable<DetectionScore> scores) {
    int windows = 0, detected = 0, events = 0, trueEvents = 0;
    double delaySum = 0;
    for (DetectionScore s : scores) {
      windows += s.windows;
      detected += s.detectedWindows;
      events += s.alarmEvents;
      trueEvents += s.trueAlarmEvents;
      if (s.detectedWindows > 0) {
        delaySum += s.meanDelaySteps * s.detectedWindows;
      }
    }
    return DetectionMetrics.of(windows, detected, events, trueEvents, delaySum);
  }
}

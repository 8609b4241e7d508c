package io.chronoshadow.prophet.eval;

/** Computes {@link DetectionScore} from per-step labels and alarms. */
public final class DetectionMetrics {
  private DetectionMetrics() {}

  /**
   * @param labels true where a step is (part of) an injected anomaly
   * @param alarms true where the detector raised an alarm
   * @param delaySteps D: how many steps after a window's start an alarm still detects it
   */
  public static DetectionScore score(boolean[] labels, boolean[] alarms, int delaySteps) {
    if (labels.length != alarms.length) {
      throw new IllegalArgumentException("labels and alarms differ in length");
    }
    int n = labels.length;
    boolean[] inRange = new boolean[n];
    int windows = 0, detected = 0;
    double delaySum = 0;
    for (int s = 0; s < n; s++) {
      if (!labels[s] || (s > 0 && labels[s - 1])) {
        continue;
      }
      int e = s;
      while (e + 1 < n && labels[e + 1]) {
        e++;
      }
      int rangeEnd = Math.min(n - 1, Math.max(e, s + delaySteps));
      windows++;
      int firstAlarm = -1;
      for (int t = s; t <= rangeEnd; t++) {
        inRange[t] = true;
        if (alarms[t] && firstAlarm < 0) {
          firstAlarm = t;
        }
      }
      if (firstAlarm >= 0) {
        detected++;
        delaySum += firstAlarm - s;
      }
    }
    int events = 0, trueEvents = 0;
    for (int s = 0; s < n; s++) {
      if (!alarms[s] || (s > 0 && alarms[s - 1])) {
        continue;
      }
      events++;
      boolean hit = false;
      for (int t = s; t < n && alarms[t]; t++) {
        hit |= inRange[t];
      }
      if (hit) {
        trueEvents++;
      }
    }
    return of(windows, detected, events, trueEvents, delaySum);
  }

  static DetectionScore of(int windows, int detected, int events, int trueEvents, double delaySum) {
    double precision = events == 0 ? 1 : (double) trueEvents / events;
    double recall = windows == 0 ? 1 : (double) detected / windows;
    double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    double delay = detected == 0 ? Double.NaN : delaySum / detected;
    return new DetectionScore(windows, detected, events, trueEvents, precision, recall, f1, delay);
  }
}

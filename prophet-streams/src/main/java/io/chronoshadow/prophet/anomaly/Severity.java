package io.chronoshadow.prophet.anomaly;

/** How far outside normal a step is. WARNING and CRITICAL are alarms; INFO is only reported. */
public enum Severity {
  NONE,
  INFO,
  WARNING,
  CRITICAL;

  public boolean isAlarm() {
    return this == WARNING || this == CRITICAL;
  }
}

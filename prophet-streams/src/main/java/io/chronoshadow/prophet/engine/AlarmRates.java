package io.chronoshadow.prophet.engine;

import io.chronoshadow.prophet.anomaly.Thresholds;
import java.time.Duration;

/**
 * How often a clean, calibrated series may alarm: the severities' thresholds follow from these and
 * the group's step (see {@link Thresholds#forAlarmRates}), so a 5-second demo step and an hourly
 * production step page equally rarely.
 *
 * @param warningsPerMonth expected alarms (warning or critical) per series per month
 * @param criticalsPerYear expected critical alarms per series per year
 */
public record AlarmRates(double warningsPerMonth, double criticalsPerYear) {
  public static final double DEFAULT_WARNINGS_PER_MONTH = 1;
  public static final double DEFAULT_CRITICALS_PER_YEAR = 1;

  public AlarmRates {
    if (!(warningsPerMonth > 0) || !(criticalsPerYear > 0)) {
      throw new IllegalArgumentException("alarm rates must be positive");
    }
  }

  public static AlarmRates defaults() {
    return new AlarmRates(DEFAULT_WARNINGS_PER_MONTH, DEFAULT_CRITICALS_PER_YEAR);
  }

  public Thresholds thresholds(Duration step) {
    return Thresholds.forAlarmRates(step, warningsPerMonth, criticalsPerYear);
  }
}

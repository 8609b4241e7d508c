package io.chronoshadow.prophet.anomaly;

/** Why a result has (or lacks) a score. */
public enum DetectorStatus {
  /** Cold start: not enough history for a model yet; never an alarm. */
  WARMING_UP,
  /** Scored against the forecast. */
  SCORED,
  /** The step had no observation (NaN): the model advanced on its forecast, nothing scored. */
  MISSING
}

package io.chronoshadow.prophet.series;

/** How a metric's irregular observations turn into regular steps. */
public enum MetricKind {
  /**
   * A state that holds until it is observed again (row count, column sum): each step takes the last
   * observation at or before its end, carried forward for a bounded number of steps.
   */
  LEVEL,
  /**
   * A rate reported over the interval since the previous observation (changes per second of one
   * shadow): each step takes the time-weighted average of the rates covering it.
   */
  RATE
}

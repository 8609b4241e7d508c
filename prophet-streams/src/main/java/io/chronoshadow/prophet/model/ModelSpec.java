package io.chronoshadow.prophet.model;

/** A model family with its fixed settings; {@link #fit} estimates the rest from a history. */
public sealed interface ModelSpec permits SeasonalNaiveSpec, HoltWintersSpec {
  /** Season length in steps; 1 means no seasonality. */
  int period();

  /** The shortest history {@link #fit} accepts. */
  int minHistory();

  /** A short stable name, e.g. {@code hw-damped-robust(24)}. */
  String name();

  /** Fits on {@code history} (regular steps, NaN = missing) and returns the state at its end. */
  FittedModel fit(double[] history);

  /**
   * Refits on a newer history, free to start from {@code previous} (same spec) to save work; the
   * periodic refit of a live series uses this.
   */
  default FittedModel refit(double[] history, Forecaster previous) {
    return fit(history);
  }
}

package io.chronoshadow.prophet.model;

/**
 * Additive Holt-Winters with optional damped trend and optional robust (Huber-clipped) updates.
 *
 * @param huberK robust mode clips one-step errors to ±huberK·σ before they move the state
 */
public record HoltWintersSpec(int period, boolean damped, boolean robust, double huberK)
    implements ModelSpec {
  public static final double DEFAULT_HUBER_K = 2.5;

  public HoltWintersSpec {
    if (period < 1 || !(huberK > 0)) {
      throw new IllegalArgumentException("period >= 1 and huberK > 0 required");
    }
  }

  public HoltWintersSpec(int period, boolean damped, boolean robust) {
    this(period, damped, robust, DEFAULT_HUBER_K);
  }

  @Override
  public int minHistory() {
    return period > 1 ? 2 * period + 2 : 6;
  }

  @Override
  public String name() {
    return "hw" + (damped ? "-damped" : "") + (robust ? "-robust" : "") + "(" + period + ")";
  }

  @Override
  public FittedModel fit(double[] history) {
    if (history.length < minHistory()) {
      throw new IllegalArgumentException(name() + " needs " + minHistory() + " steps");
    }
    return HoltWintersFitter.fit(this, history, null);
  }

  /** Starts the search at the previous parameters, with a smaller simplex and budget. */
  @Override
  public FittedModel refit(double[] history, Forecaster previous) {
    if (history.length < minHistory()) {
      throw new IllegalArgumentException(name() + " needs " + minHistory() + " steps");
    }
    HoltWintersParams start =
        previous instanceof HoltWinters hw && hw.spec().equals(this) ? hw.params() : null;
    return HoltWintersFitter.fit(this, history, start);
  }
}

package io.chronoshadow.prophet.model;

/**
 * The live state of one series' model. {@link #update} absorbs the next regular step in O(1) (the
 * expensive part, fitting, happens in {@link ModelSpec#fit} and is repeated only occasionally);
 * {@link #forecast} never changes the state.
 *
 * <p>Both models are linear innovation state-space models, so the h-step forecast error is {@code
 * e_{T+h} = ε_{T+h} + Σ_{j=1}^{h-1} ψ_j ε_{T+h-j}} with innovation sd {@link #innovationSd()};
 * {@link #psiWeight} exposes ψ_j so callers can derive the variance of sums of forecasts (e.g.
 * cumulative intervention effects).
 */
public sealed interface Forecaster permits SeasonalNaive, HoltWinters {
  ModelSpec spec();

  int period();

  /** Absorbs the next step's observation; NaN (missing) advances the state on the forecast. */
  void update(double observed);

  /** The distribution of the value {@code horizon} steps after the last update ({@code >= 1}). */
  PredictiveDistribution forecast(int horizon);

  double innovationSd();

  /** ψ_j, the weight of an innovation {@code j >= 1} steps back in a forecast error. */
  double psiWeight(int j);

  /** Moves the level (and everything forecast from it) by {@code delta}: an accepted shift. */
  void shiftLevel(double delta);

  /** An independent copy of the current state. */
  Forecaster copy();
}

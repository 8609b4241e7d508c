package io.chronoshadow.prophet.causal;

/** An estimated effect with its central interval at the requested level. */
public record EffectEstimate(double estimate, double lower, double upper) {
  /** True when the interval excludes zero. */
  public boolean isSignificant() {
    return lower > 0 || upper < 0;
  }
}

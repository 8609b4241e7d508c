package io.chronoshadow.prophet.anomaly;

import io.chronoshadow.prophet.model.ModelKind;
import java.util.List;

/** Which model a detector fits at the end of its warm-up. */
public sealed interface ModelChoice {
  /** Always this family. */
  record Fixed(ModelKind kind) implements ModelChoice {}

  /**
   * The best of {@code candidates} by rolling-origin backtest MASE at {@code horizon} steps; 0
   * means one season, at most 24 steps.
   */
  record Backtested(List<ModelKind> candidates, int horizon) implements ModelChoice {
    public Backtested {
      candidates = List.copyOf(candidates);
      if (candidates.isEmpty() || horizon < 0) {
        throw new IllegalArgumentException("need candidates and horizon >= 0");
      }
    }

    int horizonFor(int period) {
      return horizon > 0 ? horizon : Math.max(1, Math.min(period, 24));
    }
  }

  static ModelChoice fixed(ModelKind kind) {
    return new Fixed(kind);
  }

  /**
   * {@code auto} → {@link #backtestedDefault()}, a family's short name ({@link ModelKind#fromName})
   * → that family.
   */
  static ModelChoice named(String name) {
    return ModelKind.fromName(name)
        .<ModelChoice>map(ModelChoice::fixed)
        .orElseGet(ModelChoice::backtestedDefault);
  }

  /** Seasonal naive, Holt-Winters, damped and robust variants; one-season horizon (max 24). */
  static ModelChoice backtestedDefault() {
    return new Backtested(List.of(ModelKind.values()), 0);
  }
}

package io.chronoshadow.prophet.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The model families a series can be configured with, by name. */
public enum ModelKind {
  SEASONAL_NAIVE,
  HOLT_WINTERS,
  HOLT_WINTERS_DAMPED,
  HOLT_WINTERS_ROBUST,
  HOLT_WINTERS_DAMPED_ROBUST;

  public ModelSpec spec(int period) {
    return switch (this) {
      case SEASONAL_NAIVE -> new SeasonalNaiveSpec(period);
      case HOLT_WINTERS -> new HoltWintersSpec(period, false, false);
      case HOLT_WINTERS_DAMPED -> new HoltWintersSpec(period, true, false);
      case HOLT_WINTERS_ROBUST -> new HoltWintersSpec(period, false, true);
      case HOLT_WINTERS_DAMPED_ROBUST -> new HoltWintersSpec(period, true, true);
    };
  }

  /** The short names configs and the harness use: snaive, hw, hw-damped, hw-robust, … */
  public String shortName() {
    return switch (this) {
      case SEASONAL_NAIVE -> "snaive";
      case HOLT_WINTERS -> "hw";
      case HOLT_WINTERS_DAMPED -> "hw-damped";
      case HOLT_WINTERS_ROBUST -> "hw-robust";
      case HOLT_WINTERS_DAMPED_ROBUST -> "hw-damped-robust";
    };
  }

  /**
   * The family named {@code name} ({@link #shortName()}); empty for {@code auto} (chosen by
   * backtest).
   *
   * @throws IllegalArgumentException naming the accepted names
   */
  public static Optional<ModelKind> fromName(String name) {
    if ("auto".equals(name)) {
      return Optional.empty();
    }
    for (ModelKind k : values()) {
      if (k.shortName().equals(name)) {
        return Optional.of(k);
      }
    }
    throw new IllegalArgumentException(
        "unknown model "
            + name
            + " (one of auto, "
            + String.join(", ", Arrays.stream(values()).map(ModelKind::shortName).toList())
            + ")");
  }

  /** Every family at one period: the default candidate set for backtest selection. */
  public static List<ModelSpec> allAt(int period) {
    return List.of(values()).stream().map(k -> k.spec(period)).toList();
  }
}

package io.chronoshadow.prophet.model;

import java.util.List;

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

  /** Every family at one period: the default candidate set for backtest selection. */
  public static List<ModelSpec> allAt(int period) {
    return List.of(values()).stream().map(k -> k.spec(period)).toList();
  }
}

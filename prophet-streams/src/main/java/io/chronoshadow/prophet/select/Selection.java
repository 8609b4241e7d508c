package io.chronoshadow.prophet.select;

import io.chronoshadow.prophet.model.ModelSpec;
import java.util.List;

/** The chosen model (lowest backtest MASE) and every candidate's backtest, in candidate order. */
public record Selection(
    ModelSpec chosen, BacktestMetrics chosenMetrics, List<BacktestMetrics> all) {
  public Selection {
    all = List.copyOf(all);
  }

  /** The backtest of the candidate named {@code name}, e.g. {@code snaive(24)}. */
  public BacktestMetrics metricsOf(String name) {
    return all.stream()
        .filter(m -> m.spec().name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no candidate " + name));
  }
}

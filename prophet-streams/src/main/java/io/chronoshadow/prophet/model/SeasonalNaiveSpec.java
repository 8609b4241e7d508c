package io.chronoshadow.prophet.model;

/**
 * The seasonal naive baseline: the forecast is the value one season earlier; intervals come from
 * the empirical distribution of the last {@code errorWindow} seasonal differences.
 */
public record SeasonalNaiveSpec(int period, int errorWindow) implements ModelSpec {
  public SeasonalNaiveSpec {
    if (period < 1 || errorWindow < 2) {
      throw new IllegalArgumentException("period >= 1 and errorWindow >= 2 required");
    }
  }

  public SeasonalNaiveSpec(int period) {
    this(period, Math.max(50, 3 * period));
  }

  @Override
  public int minHistory() {
    return period + 2;
  }

  @Override
  public String name() {
    return "snaive(" + period + ")";
  }

  @Override
  public FittedModel fit(double[] history) {
    if (history.length < minHistory()) {
      throw new IllegalArgumentException(name() + " needs " + minHistory() + " steps");
    }
    SeasonalNaive model = new SeasonalNaive(this);
    double[] residuals = new double[history.length];
    for (int t = 0; t < history.length; t++) {
      residuals[t] = t < period ? Double.NaN : history[t] - model.forecast(1).point();
      model.update(history[t]);
    }
    return new FittedModel(model, residuals);
  }
}

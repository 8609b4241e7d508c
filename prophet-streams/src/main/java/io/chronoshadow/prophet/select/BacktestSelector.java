package io.chronoshadow.prophet.select;

import io.chronoshadow.prophet.eval.ForecastMetrics;
import io.chronoshadow.prophet.model.Forecaster;
import io.chronoshadow.prophet.model.ModelSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per-series model selection by rolling-origin backtest with an expanding window: at each origin o
 * (from {@code initialTraining} to {@code n − horizon}, every {@code stride} steps, at most {@code
 * maxOrigins} of them, the latest kept) every candidate is refitted on {@code y[0, o)} and
 * forecasts {@code y[o, o + horizon)}. The criterion is MASE with the seasonal naive scale of the
 * training window at the selection period; ties go to the earlier candidate (list the simpler ones
 * first). Candidates that need more history than the first origin offers are skipped.
 */
public final class BacktestSelector {
  private final int horizon;
  private final int initialTraining;
  private final int maxOrigins;

  public BacktestSelector(int horizon, int initialTraining, int maxOrigins) {
    if (horizon < 1 || initialTraining < 2 || maxOrigins < 1) {
      throw new IllegalArgumentException("horizon >= 1, initialTraining >= 2, maxOrigins >= 1");
    }
    this.horizon = horizon;
    this.initialTraining = initialTraining;
    this.maxOrigins = maxOrigins;
  }

  /** Defaults for a history of {@code n} steps: first origin at 60 % of the history, 5 origins. */
  public static BacktestSelector forHistory(int n, int horizon) {
    return new BacktestSelector(horizon, Math.max(2, (int) (0.6 * n)), 5);
  }

  public Selection select(double[] y, List<ModelSpec> candidates, int scalePeriod) {
    int[] origins = origins(y.length);
    if (origins.length == 0) {
      throw new IllegalArgumentException(
          "history of " + y.length + " too short for initial training " + initialTraining);
    }
    List<BacktestMetrics> results = new ArrayList<>();
    for (ModelSpec spec : candidates) {
      if (spec.minHistory() <= origins[0]) {
        results.add(backtest(spec, y, origins, scalePeriod));
      }
    }
    if (results.isEmpty()) {
      throw new IllegalArgumentException("no candidate fits in " + origins[0] + " steps");
    }
    BacktestMetrics best = results.get(0);
    for (BacktestMetrics r : results) {
      if (r.mase() < best.mase() || Double.isNaN(best.mase())) {
        best = r;
      }
    }
    return new Selection(best.spec(), best, results);
  }

  private int[] origins(int n) {
    int last = n - horizon;
    if (last < initialTraining) {
      return new int[0];
    }
    int span = last - initialTraining;
    int count = Math.min(maxOrigins, span + 1);
    int[] origins = new int[count];
    for (int i = 0; i < count; i++) {
      // Evenly spread, the last origin always at n − horizon.
      origins[i] = count == 1 ? last : initialTraining + (int) ((long) span * i / (count - 1));
    }
    return Arrays.stream(origins).distinct().toArray();
  }

  private BacktestMetrics backtest(ModelSpec spec, double[] y, int[] origins, int scalePeriod) {
    double maseSum = 0;
    int maseCount = 0;
    double[] actual = new double[origins.length * horizon];
    double[] predicted = new double[origins.length * horizon];
    int k = 0;
    for (int origin : origins) {
      double[] training = Arrays.copyOfRange(y, 0, origin);
      Forecaster forecaster = spec.fit(training).forecaster();
      double[] a = new double[horizon];
      double[] f = new double[horizon];
      for (int h = 1; h <= horizon; h++) {
        a[h - 1] = y[origin + h - 1];
        f[h - 1] = forecaster.forecast(h).point();
        actual[k] = a[h - 1];
        predicted[k++] = f[h - 1];
      }
      double mase = ForecastMetrics.mase(a, f, training, scalePeriod);
      if (Double.isFinite(mase)) {
        maseSum += mase;
        maseCount++;
      }
    }
    return new BacktestMetrics(
        spec,
        maseCount == 0 ? Double.NaN : maseSum / maseCount,
        ForecastMetrics.smape(actual, predicted),
        ForecastMetrics.meanAbsoluteError(actual, predicted),
        k);
  }
}

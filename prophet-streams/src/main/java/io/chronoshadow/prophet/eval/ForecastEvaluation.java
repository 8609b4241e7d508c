package io.chronoshadow.prophet.eval;

import io.chronoshadow.prophet.model.Forecaster;
import io.chronoshadow.prophet.model.Interval;
import io.chronoshadow.prophet.model.ModelKind;
import io.chronoshadow.prophet.model.ModelSpec;
import io.chronoshadow.prophet.model.SeasonalNaiveSpec;
import io.chronoshadow.prophet.select.BacktestSelector;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Evaluates a forecaster the way it runs live: fitted once on the first part of the series, then
 * updated one step at a time (no refit), forecasting 1..h steps ahead from every origin. MASE is
 * scaled by the seasonal naive in-sample MAE of the training part.
 */
public final class ForecastEvaluation {
  private final double trainFraction;

  public ForecastEvaluation(double trainFraction) {
    this.trainFraction = trainFraction;
  }

  /**
   * @param model the family, or empty to choose by rolling-origin backtest on the training part
   */
  public ForecastScore evaluate(
      LabeledSeries s, Optional<ModelKind> model, int period, int horizon) {
    double[] y = s.values();
    int train = Math.max((int) (trainFraction * y.length), 2 * period + 2 + horizon);
    if (train + horizon > y.length) {
      throw new IllegalArgumentException(s.name() + ": too short for training and horizon");
    }
    double[] training = Arrays.copyOf(y, train);
    ModelSpec spec =
        model
            .map(k -> k.spec(period))
            .orElseGet(
                () ->
                    BacktestSelector.forHistory(train, horizon)
                        .select(training, ModelKind.allAt(period), period)
                        .chosen());
    Run run = run(spec.fit(training).forecaster(), y, train, horizon);
    Run naive = run(new SeasonalNaiveSpec(period).fit(training).forecaster(), y, train, horizon);
    double scale = ForecastMetrics.seasonalNaiveScale(training, period);
    return new ForecastScore(
        s.name(),
        spec.name(),
        period,
        horizon,
        ForecastMetrics.smape(run.actual, run.predicted),
        ForecastMetrics.meanAbsoluteError(run.actual, run.predicted) / scale,
        ForecastMetrics.meanAbsoluteError(naive.actual, naive.predicted) / scale,
        run.coverage80,
        run.actual.length);
  }

  public static List<String> header() {
    return List.of("series", "model", "m", "h", "sMAPE%", "MASE", "snaive MASE", "cov80", "n");
  }

  private record Run(double[] actual, double[] predicted, double coverage80) {}

  private static Run run(Forecaster forecaster, double[] y, int train, int horizon) {
    int origins = y.length - train - horizon + 1;
    double[] actual = new double[origins * horizon];
    double[] predicted = new double[origins * horizon];
    int inside = 0, scored = 0, k = 0;
    for (int origin = train; origin + horizon <= y.length; origin++) {
      for (int h = 1; h <= horizon; h++) {
        actual[k] = y[origin + h - 1];
        predicted[k++] = forecaster.forecast(h).point();
      }
      Interval interval = forecaster.forecast(1).interval(0.8);
      if (!Double.isNaN(y[origin])) {
        scored++;
        inside += interval.contains(y[origin]) ? 1 : 0;
      }
      forecaster.update(y[origin]);
    }
    return new Run(actual, predicted, scored == 0 ? Double.NaN : (double) inside / scored);
  }
}

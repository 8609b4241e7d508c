package io.chronoshadow.prophet.learn;

import io.chronoshadow.prophet.eval.ForecastMetrics;
import io.chronoshadow.prophet.model.Forecaster;
import io.chronoshadow.prophet.model.ModelSpec;
import java.util.Arrays;
import java.util.List;

/**
 * Rolling-origin backtest of a learned forecaster against a statistical model on the same origins
 * and horizon, scored by MASE exactly as {@code BacktestSelector} scores the statistical candidates
 * (per origin, scaled by the seasonal naive in-sample MAE of that origin's training window, then
 * averaged), so the two numbers are comparable and the deploy rule "learned beats statistical" is
 * fair.
 *
 * <p>The network is trained once, on the history before the first origin, and then rolled forward
 * over the held-out part without retraining (only its input window moves); the statistical model is
 * refitted at every origin. That favours the statistical side, which is the safe direction for a
 * rule that decides whether to replace it.
 */
public final class LearnedBacktest {

  /** MASE and sMAPE of both sides over the same forecasts. */
  public record Result(
      String seriesId,
      double learnedMase,
      double learnedSmape,
      String statisticalModel,
      double statisticalMase,
      double statisticalSmape,
      int origins) {

    /** True when the learned model is strictly better on MASE. */
    public boolean learnedWins() {
      return Double.isFinite(learnedMase)
          && (learnedMase < statisticalMase || !Double.isFinite(statisticalMase));
    }
  }

  private LearnedBacktest() {}

  /**
   * @param series the full history; origins are the steps {@code firstOrigin, firstOrigin + every,
   *     …} while a whole horizon follows
   */
  public static Result run(
      LearnedForecaster learned,
      ModelSpec statistical,
      SeriesHistory series,
      int firstOrigin,
      int every,
      int scalePeriod) {
    double[] y = series.values();
    int horizon = learned.spec().horizon();
    double learnedMase = 0;
    double statisticalMase = 0;
    int counted = 0;
    int origins = 0;
    double[] allActual = new double[0];
    double[] allLearned = new double[0];
    double[] allStatistical = new double[0];
    for (int origin = firstOrigin; origin + horizon <= y.length; origin += every) {
      double[] training = Arrays.copyOfRange(y, 0, origin);
      double[] actual = Arrays.copyOfRange(y, origin, origin + horizon);
      if (Arrays.stream(actual).anyMatch(v -> !Double.isFinite(v))) {
        continue;
      }
      double[] fromLearned;
      try {
        QuantileForecast f = learned.forecast(series.prefix(origin));
        fromLearned = new double[horizon];
        for (int h = 1; h <= horizon; h++) {
          fromLearned[h - 1] = f.point(h);
        }
      } catch (IllegalArgumentException missingInWindow) {
        continue;
      }
      Forecaster fitted = statistical.fit(training).forecaster();
      double[] fromStatistical = new double[horizon];
      for (int h = 1; h <= horizon; h++) {
        fromStatistical[h - 1] = fitted.forecast(h).point();
      }
      double ml = ForecastMetrics.mase(actual, fromLearned, training, scalePeriod);
      double ms = ForecastMetrics.mase(actual, fromStatistical, training, scalePeriod);
      origins++;
      if (Double.isFinite(ml) && Double.isFinite(ms)) {
        learnedMase += ml;
        statisticalMase += ms;
        counted++;
      }
      allActual = concat(allActual, actual);
      allLearned = concat(allLearned, fromLearned);
      allStatistical = concat(allStatistical, fromStatistical);
    }
    if (origins == 0) {
      throw new IllegalArgumentException(
          "no complete origin in "
              + series.id()
              + ": "
              + y.length
              + " steps, first origin "
              + firstOrigin
              + ", horizon "
              + horizon);
    }
    return new Result(
        series.id(),
        counted == 0 ? Double.NaN : learnedMase / counted,
        ForecastMetrics.smape(allActual, allLearned),
        statistical.name(),
        counted == 0 ? Double.NaN : statisticalMase / counted,
        ForecastMetrics.smape(allActual, allStatistical),
        origins);
  }

  /**
   * The mean MASE of each side over several series, of the series where it is defined (a flat
   * training window has no naive error to scale by).
   */
  public static double meanLearnedMase(List<Result> results) {
    return results.stream()
        .mapToDouble(Result::learnedMase)
        .filter(Double::isFinite)
        .average()
        .orElse(Double.NaN);
  }

  public static double meanStatisticalMase(List<Result> results) {
    return results.stream()
        .mapToDouble(Result::statisticalMase)
        .filter(Double::isFinite)
        .average()
        .orElse(Double.NaN);
  }

  private static double[] concat(double[] a, double[] b) {
    double[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}

package io.chronoshadow.prophet.predict;

import io.chronoshadow.prophet.model.Interval;
import io.chronoshadow.prophet.model.PredictiveDistribution;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Forecasts the state of a whole group at a future time: for each series, the horizon is the number
 * of its own steps from its last absorbed step to the first step end at or after {@code at} (series
 * may have different steps and be at different times). Results are sorted by series id so that
 * answers are reproducible.
 */
public final class FutureStatePredictor {
  private FutureStatePredictor() {}

  public static GroupForecast predictFutureState(
      String group, Collection<SeriesState> latest, Instant at, double level) {
    List<SeriesForecast> out = new ArrayList<>(latest.size());
    for (SeriesState s : latest) {
      out.add(predict(s, at, level));
    }
    out.sort(Comparator.comparing(SeriesForecast::seriesId));
    return new GroupForecast(group, at, level, out);
  }

  static SeriesForecast predict(SeriesState s, Instant at, double level) {
    Duration ahead = Duration.between(s.lastStep(), at);
    if (ahead.isNegative() || ahead.isZero()) {
      throw new IllegalArgumentException(
          s.seriesId() + ": " + at + " is not after its last step " + s.lastStep());
    }
    long stepMillis = s.step().toMillis();
    int horizon = (int) Math.max(1, -Math.floorDiv(-ahead.toMillis(), stepMillis));
    PredictiveDistribution d = s.forecaster().forecast(horizon);
    Interval interval = d.interval(level);
    return new SeriesForecast(
        s.seriesId(),
        s.lastStep().plus(s.step().multipliedBy(horizon)),
        horizon,
        d.point(),
        d.quantile(0.1),
        d.quantile(0.5),
        d.quantile(0.9),
        interval.lower(),
        interval.upper());
  }
}

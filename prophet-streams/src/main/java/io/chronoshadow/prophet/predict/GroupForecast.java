package io.chronoshadow.prophet.predict;

import java.time.Instant;
import java.util.List;

/** Forecasts of every series of one group at one future time. */
public record GroupForecast(String group, Instant at, double level, List<SeriesForecast> series) {
  public GroupForecast {
    series = List.copyOf(series);
  }
}

package io.chronoshadow.prophet.query;

import io.chronoshadow.prophet.engine.SeriesMeta;
import io.chronoshadow.prophet.series.RegularSeries;

/** One series as the stores hold it: what it is and its resampled history. */
public record StoredSeries(SeriesMeta meta, RegularSeries history) {
  public String id() {
    return meta.key().id();
  }
}

package io.chronoshadow.prophet.features;

import java.time.Instant;
import java.util.List;

/** The metrics one shadow gives of one table (one {@code chrono.shadow-stats} record). */
public record TableStats(
    String group, String table, String shadowId, Instant cutTime, List<MetricSample> samples) {
  public TableStats {
    samples = List.copyOf(samples);
  }
}

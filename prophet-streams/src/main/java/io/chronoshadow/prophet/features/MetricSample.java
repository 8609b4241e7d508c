package io.chronoshadow.prophet.features;

import io.chronoshadow.prophet.series.MetricKind;

/**
 * One metric's figure from one shadow of one table. For a {@link MetricKind#RATE} metric {@code
 * amount} is what happened during the shadow (e.g. its deletes), which becomes a per-second rate
 * once divided by the time since the table's previous shadow; for a {@link MetricKind#LEVEL} metric
 * it is the value as of the shadow's cut.
 *
 * @param displayName what explanations call the series, e.g. "row count of shop.orders"
 * @param column for a column mean, what the shadow wrote to the column (null otherwise)
 */
public record MetricSample(
    SeriesKey key, MetricKind kind, String displayName, double amount, ColumnFigures column) {

  /** A table metric. */
  public MetricSample(SeriesKey key, MetricKind kind, String displayName, double amount) {
    this(key, kind, displayName, amount, null);
  }
}

package io.chronoshadow.prophet.features;

import java.util.Objects;

/**
 * One series: a metric of a source table in a shadow group. Its id, {@code
 * <group>/<schema.table>/<metric>}, keys the state stores and the output records.
 */
public record SeriesKey(String group, String table, String metric) {
  public SeriesKey {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(metric, "metric");
  }

  public String id() {
    return group + "/" + table + "/" + metric;
  }

  @Override
  public String toString() {
    return id();
  }
}

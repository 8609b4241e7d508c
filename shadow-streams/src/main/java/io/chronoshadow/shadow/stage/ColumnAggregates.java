package io.chronoshadow.shadow.stage;

import io.chronoshadow.shadow.table.ColumnType;
import io.chronoshadow.shadow.table.SourceColumn;
import io.chronoshadow.shadow.table.SourceTableSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Count, sum, sum of squares, min and max of every numeric column over the rows a shadow wrote for
 * one table (its net after-images), and whether the column is part of the primary key. Decimals are
 * summed as doubles: these figures feed forecasting, not accounting. The key flag and the sum of
 * squares let the prophet tell measures from keys and near-constant columns.
 */
public final class ColumnAggregates {

  /** One column's figures; sum/min/max/sumOfSquares are null when no non-null value was seen. */
  public record Aggregate(
      String column,
      boolean key,
      long count,
      Double sum,
      Double min,
      Double max,
      Double sumOfSquares) {}

  private final Map<String, double[]> byColumn = new LinkedHashMap<>();
  private final Map<String, Long> counts = new LinkedHashMap<>();
  private final Set<String> key;

  public ColumnAggregates(SourceTableSchema schema) {
    key = Set.copyOf(schema.primaryKey());
    for (SourceColumn c : schema.columns()) {
      if (isNumeric(c.type())) {
        byColumn.put(
            c.name(), new double[] {0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0});
        counts.put(c.name(), 0L);
      }
    }
  }

  public static boolean isNumeric(ColumnType type) {
    return switch (type.kind()) {
      case INT, LONG, FLOAT, DOUBLE, DECIMAL -> true;
      default -> false;
    };
  }

  public void add(Map<String, Object> row) {
    byColumn.forEach(
        (column, acc) -> {
          if (row.get(column) instanceof Number n) {
            double v = n.doubleValue();
            acc[0] += v;
            acc[1] = Math.min(acc[1], v);
            acc[2] = Math.max(acc[2], v);
            acc[3] += v * v;
            counts.merge(column, 1L, Long::sum);
          }
        });
  }

  public List<Aggregate> result() {
    List<Aggregate> out = new ArrayList<>();
    byColumn.forEach(
        (column, acc) -> {
          long n = counts.get(column);
          boolean isKey = key.contains(column);
          out.add(
              n == 0
                  ? new Aggregate(column, isKey, 0, null, null, null, null)
                  : new Aggregate(column, isKey, n, acc[0], acc[1], acc[2], acc[3]));
        });
    return out;
  }
}

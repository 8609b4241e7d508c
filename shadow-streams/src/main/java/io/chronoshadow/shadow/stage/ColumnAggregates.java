package io.chronoshadow.shadow.stage;

import io.chronoshadow.shadow.table.ColumnType;
import io.chronoshadow.shadow.table.SourceColumn;
import io.chronoshadow.shadow.table.SourceTableSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Count, sum, min and max of every numeric column over the rows a shadow wrote for one table (its
 * net after-images). Decimals are summed as doubles: these figures feed forecasting, not
 * accounting.
 */
public final class ColumnAggregates {

  /** One column's figures; sum/min/max are null when no non-null value was seen. */
  public record Aggregate(String column, long count, Double sum, Double min, Double max) {}

  private final Map<String, double[]> byColumn = new LinkedHashMap<>();
  private final Map<String, Long> counts = new LinkedHashMap<>();

  public ColumnAggregates(SourceTableSchema schema) {
    for (SourceColumn c : schema.columns()) {
      if (isNumeric(c.type())) {
        byColumn.put(
            c.name(), new double[] {0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY});
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
            counts.merge(column, 1L, Long::sum);
          }
        });
  }

  public List<Aggregate> result() {
    List<Aggregate> out = new ArrayList<>();
    byColumn.forEach(
        (column, acc) -> {
          long n = counts.get(column);
          out.add(
              n == 0
                  ? new Aggregate(column, 0, null, null, null)
                  : new Aggregate(column, n, acc[0], acc[1], acc[2]));
        });
    return out;
  }
}

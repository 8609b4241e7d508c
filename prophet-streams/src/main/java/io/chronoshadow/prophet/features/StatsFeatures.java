package io.chronoshadow.prophet.features;

import io.chronoshadow.prophet.series.MetricKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Turns a {@code ShadowTableStats} record into the table's metrics:
 *
 * <ul>
 *   <li>{@code rows} (level): the table's row count as of the cut;
 *   <li>{@code inserts}, {@code updates}, {@code deletes}, {@code bytes} (rates): events of each op
 *       and bytes written, per second of the shadow;
 *   <li>{@code <column>.mean} (level) per numeric column: the mean of the values the shadow wrote
 *       (its net inserted or updated rows); no sample when it wrote none. Columns whose name
 *       matches the exclusion pattern (by default key-like columns: {@code id}, {@code *_id}) are
 *       skipped: the mean of fresh keys only grows and says nothing. Each sample carries the
 *       column's figures, from which {@link SeriesRoles} decides whether it is watched.
 * </ul>
 *
 * Snapshot reads of the baseline shadow count as rows, not as inserts: they are not activity.
 */
public final class StatsFeatures {

  /** Key-like columns, whose means carry no signal. */
  public static final String DEFAULT_COLUMN_EXCLUDE = "(?i)id|.*_id";

  private final boolean columnMetrics;
  private final Pattern columnExclude;

  public StatsFeatures(boolean columnMetrics, Pattern columnExclude) {
    this.columnMetrics = columnMetrics;
    this.columnExclude = columnExclude;
  }

  public TableStats extract(GenericRecord r) throws InvalidStatsException {
    String group = string(r, "group");
    String table = string(r, "table");
    String shadowId = string(r, "shadowId");
    Instant cut = Instant.ofEpochMilli(number(r, "cutTime").longValue());
    List<MetricSample> samples = new ArrayList<>();
    samples.add(sample(group, table, "rows", MetricKind.LEVEL, "row count of ", r, "rowCount"));
    samples.add(
        sample(group, table, "inserts", MetricKind.RATE, "inserts per second into ", r, "inserts"));
    samples.add(
        sample(group, table, "updates", MetricKind.RATE, "updates per second of ", r, "updates"));
    samples.add(
        sample(group, table, "deletes", MetricKind.RATE, "deletes per second from ", r, "deletes"));
    samples.add(
        sample(
            group,
            table,
            "bytes",
            MetricKind.RATE,
            "bytes written per second for ",
            r,
            "bytesWritten"));
    if (columnMetrics && r.get("aggregates") instanceof List<?> aggregates) {
      for (Object o : aggregates) {
        if (!(o instanceof GenericRecord a)) {
          throw new InvalidStatsException("aggregates holds a non-record " + o);
        }
        String column = string(a, "column");
        long count = number(a, "count").longValue();
        if (count == 0 || columnExclude.matcher(column).matches()) {
          continue;
        }
        if (!(a.get("sum") instanceof Number sum)) {
          throw new InvalidStatsException(
              "aggregate " + column + " has count " + count + " but no sum");
        }
        samples.add(
            new MetricSample(
                new SeriesKey(group, table, column + ".mean"),
                MetricKind.LEVEL,
                "mean " + column + " of rows written to " + table,
                sum.doubleValue() / count,
                figures(a, column, count, sum.doubleValue())));
      }
    }
    return new TableStats(group, table, shadowId, cut, samples);
  }

  /**
   * The figures that tell what the column is. {@code key} and {@code sumOfSquares} are read only
   * when the writer's schema has them: records from before them carry neither.
   */
  private static ColumnFigures figures(GenericRecord a, String column, long count, double sum)
      throws InvalidStatsException {
    if (!(a.get("min") instanceof Number min) || !(a.get("max") instanceof Number max)) {
      throw new InvalidStatsException(
          "aggregate " + column + " has count " + count + " but no min or max");
    }
    boolean key = a.getSchema().getField("key") != null && Boolean.TRUE.equals(a.get("key"));
    Double sumOfSquares =
        a.getSchema().getField("sumOfSquares") != null
                && a.get("sumOfSquares") instanceof Number sq
                && Double.isFinite(sq.doubleValue())
            ? sq.doubleValue()
            : null;
    return new ColumnFigures(key, count, sum, sumOfSquares, min.doubleValue(), max.doubleValue());
  }

  private static MetricSample sample(
      String group,
      String table,
      String metric,
      MetricKind kind,
      String namePrefix,
      GenericRecord r,
      String field)
      throws InvalidStatsException {
    return new MetricSample(
        new SeriesKey(group, table, metric),
        kind,
        namePrefix + table,
        number(r, field).doubleValue());
  }

  private static String string(GenericRecord r, String field) throws InvalidStatsException {
    Object v = field(r, field);
    if (v == null || v.toString().isBlank()) {
      throw new InvalidStatsException("field " + field + " is empty");
    }
    return v.toString();
  }

  private static Number number(GenericRecord r, String field) throws InvalidStatsException {
    Object v = field(r, field);
    if (!(v instanceof Number n)) {
      throw new InvalidStatsException("field " + field + " is not a number (was " + v + ")");
    }
    if (!Double.isFinite(n.doubleValue())) {
      throw new InvalidStatsException("field " + field + " is not finite (was " + n + ")");
    }
    return n;
  }

  private static Object field(GenericRecord r, String field) throws InvalidStatsException {
    Schema schema = r.getSchema();
    if (schema.getField(field) == null) {
      throw new InvalidStatsException(
          "record " + schema.getFullName() + " has no field " + field + " (not ShadowTableStats?)");
    }
    return r.get(field);
  }
}

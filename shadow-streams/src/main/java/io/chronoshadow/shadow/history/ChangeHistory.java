package io.chronoshadow.shadow.history;

import io.chronoshadow.shadow.table.RowKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Reads a group's change history ({@link HistoryTable}) — one table scan, pruned by day partition
 * and by the key and table bounds of each shadow's file, instead of a walk over every snapshot of
 * every shadow table. Results are in shadow order, then source table and key.
 */
public final class ChangeHistory {

  private static final Comparator<HistoryEntry> ORDER =
      Comparator.comparingLong(HistoryEntry::sequence)
          .thenComparing(e -> e.change().sourceTable())
          .thenComparing(e -> e.change().rowKey());

  private final Catalog catalog;

  public ChangeHistory(Catalog catalog) {
    this.catalog = catalog;
  }

  /**
   * Every shadow that changed one key of a source table, oldest first. {@code key} holds the
   * primary key columns with values as the source has them (e.g. a Long for a bigint key).
   */
  public List<HistoryEntry> keyHistory(String group, String sourceTable, Map<String, Object> key) {
    return read(
        group,
        Expressions.and(
            Expressions.equal("source_table", sourceTable),
            Expressions.equal("row_key", RowKeys.canonical(key))));
  }

  /** The changes of a source table in shadows with {@code from ≤ shadow time < to}. */
  public List<HistoryEntry> changes(String group, String sourceTable, Instant from, Instant to) {
    return read(
        group,
        Expressions.and(
            Expressions.equal("source_table", sourceTable),
            Expressions.and(
                Expressions.greaterThanOrEqual("shadow_time", micros(from)),
                Expressions.lessThan("shadow_time", micros(to)))));
  }

  /** What one shadow changed, in every table of the group. */
  public List<HistoryEntry> shadow(String group, String shadowId) {
    return read(group, Expressions.equal("shadow_id", shadowId));
  }

  private List<HistoryEntry> read(String group, Expression filter) {
    Optional<Table> table = HistoryTable.load(catalog, group);
    if (table.isEmpty()) {
      return List.of();
    }
    List<HistoryEntry> out = new ArrayList<>();
    try (CloseableIterable<Record> records =
        IcebergGenerics.read(table.get()).where(filter).build()) {
      for (Record r : records) {
        out.add(HistoryTable.entry(r));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.sort(ORDER);
    return out;
  }

  private static long micros(Instant t) {
    try {
      return ChronoUnit.MICROS.between(Instant.EPOCH, t);
    } catch (ArithmeticException outOfRange) {
      return t.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }
}

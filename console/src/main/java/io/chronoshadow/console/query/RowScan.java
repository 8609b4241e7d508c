package io.chronoshadow.console.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Reads a table at one snapshot, one row at a time: the filter is pushed down (file and row-group
 * pruning) and applied to every row by Iceberg's reader, only the needed columns are decoded, and
 * nothing is held beyond the row at hand — the caller decides what to keep.
 */
final class RowScan {

  private final Table table;
  private final long snapshotId;
  private final Schema readSchema;
  private final Expression filter;

  RowScan(Table table, long snapshotId, List<String> needed, List<RowFilter> filters) {
    this.table = table;
    this.snapshotId = snapshotId;
    Set<String> columns = new LinkedHashSet<>(needed);
    filters.forEach(f -> columns.add(f.column()));
    this.readSchema = table.schema().select(new ArrayList<>(columns));
    Expression expression = Expressions.alwaysTrue();
    for (RowFilter f : filters) {
      expression = Expressions.and(expression, f.expression());
    }
    this.filter = expression;
  }

  Schema readSchema() {
    return readSchema;
  }

  /** Feeds rows to {@code sink} until it returns false or the table is exhausted. */
  void forEach(Predicate<Record> sink) {
    try (CloseableIterable<Record> records =
        IcebergGenerics.read(table)
            .useSnapshot(snapshotId)
            .project(readSchema)
            .where(filter)
            .build()) {
      for (Record record : records) {
        if (!sink.test(record)) {
          return;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + table.name() + " failed", e);
    }
  }
}

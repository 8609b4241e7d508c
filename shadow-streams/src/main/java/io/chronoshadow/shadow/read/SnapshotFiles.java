package io.chronoshadow.shadow.read;

import io.chronoshadow.shadow.commit.RowKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;
import org.apache.iceberg.ContentFile;
import org.apache.iceberg.FileContent;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotChanges;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.expressions.InclusiveMetricsEvaluator;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.parquet.Parquet;

/**
 * Reads the files a snapshot itself added — a shadow's net changes — without planning a scan of the
 * whole table. Iceberg's incremental scans cannot serve here: the append scan ignores anything but
 * appends, and the changelog scan refuses snapshots with delete files, which every shadow has.
 */
final class SnapshotFiles {

  private SnapshotFiles() {}

  /**
   * Feeds the snapshot's changed keys (from its equality deletes) to {@code deletedKey}, then its
   * after-images (its data files) to {@code addedRow}; files whose column bounds exclude {@code
   * filter} are skipped.
   */
  static void forEachChange(
      Table table,
      Snapshot snapshot,
      Schema projection,
      List<String> keyColumns,
      Expression filter,
      Consumer<RowKey> deletedKey,
      Consumer<Record> addedRow) {
    Schema keySchema = table.schema().select(keyColumns);
    InclusiveMetricsEvaluator mightMatch =
        new InclusiveMetricsEvaluator(table.schema(), filter, true);
    // SnapshotChanges reads the manifests with the table's partition specs (the Snapshot methods
    // fall back to the deprecated spec-in-manifest metadata).
    SnapshotChanges changes = SnapshotChanges.builderFor(table).snapshot(snapshot).build();
    for (ContentFile<?> file : changes.addedDeleteFiles()) {
      if (file.content() == FileContent.EQUALITY_DELETES && mightMatch.eval(file)) {
        read(table, file, keySchema, filter, r -> deletedKey.accept(RowKey.of(r, keyColumns)));
      }
    }
    for (ContentFile<?> file : changes.addedDataFiles()) {
      if (mightMatch.eval(file)) {
        read(table, file, projection, filter, addedRow);
      }
    }
  }

  private static void read(
      Table table,
      ContentFile<?> file,
      Schema projection,
      Expression filter,
      Consumer<Record> sink) {
    try (CloseableIterable<Record> records =
        Parquet.read(table.io().newInputFile(file.location(), file.fileSizeInBytes()))
            .project(projection)
            .filter(filter == null ? Expressions.alwaysTrue() : filter)
            .createReaderFunc(
                fileSchema -> GenericParquetReaders.buildReader(projection, fileSchema))
            .build()) {
      records.forEach(sink);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file.location(), e);
    }
  }
}

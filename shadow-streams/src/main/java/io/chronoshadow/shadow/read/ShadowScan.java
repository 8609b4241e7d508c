package io.chronoshadow.shadow.read;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.BaseDeleteLoader;
import org.apache.iceberg.data.DeleteLoader;
import org.apache.iceberg.data.GenericDeleteFilter;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.parquet.Parquet;

/**
 * A table's rows at a snapshot — what {@code IcebergGenerics.read(table).useSnapshot(id)} returns —
 * with each equality-delete file read once per scan instead of once per data file it applies to.
 *
 * <p>Why: every shadow adds one data file and one equality-delete file per changed table, and a
 * delete file applies to every older data file. The generic reader loads the applicable delete
 * files for each data file afresh, so reading shadow k opened O(k²) delete files; here it is O(k)
 * (Iceberg's delete loader has the hooks for this, which Spark uses for its executor cache). The
 * semantics are Iceberg's own: the same planning, the same {@link GenericDeleteFilter}.
 *
 * <p>Row-group pruning uses each task's residual filter; rows are not filtered exactly here —
 * callers re-check (as {@link ShadowReader} does).
 */
final class ShadowScan {

  private ShadowScan() {}

  static void forEach(
      Table table, long snapshotId, Schema projection, Expression filter, Consumer<Record> sink) {
    FileIO io = table.io();
    DeleteLoader deletes = new CachingDeleteLoader(io);
    try (CloseableIterable<FileScanTask> tasks =
        table.newScan().useSnapshot(snapshotId).project(projection).filter(filter).planFiles()) {
      for (FileScanTask task : tasks) {
        GenericDeleteFilter deleteFilter =
            new GenericDeleteFilter(io, task, table.schema(), projection) {
              @Override
              protected DeleteLoader newDeleteLoader() {
                return deletes;
              }
            };
        try (CloseableIterable<Record> rows = deleteFilter.filter(open(io, task, deleteFilter))) {
          rows.forEach(sink);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + table.name(), e);
    }
  }

  private static CloseableIterable<Record> open(
      FileIO io, FileScanTask task, GenericDeleteFilter deleteFilter) {
    DataFile file = task.file();
    if (file.format() != FileFormat.PARQUET) {
      throw new IllegalStateException(
          "shadow tables hold Parquet files only ("
              + file.location()
              + " is "
              + file.format()
              + ")");
    }
    Schema required = deleteFilter.requiredSchema();
    return Parquet.read(io.newInputFile(file.location(), file.fileSizeInBytes()))
        .project(required)
        .split(task.start(), task.length())
        .filter(task.residual())
        .createReaderFunc(fileSchema -> GenericParquetReaders.buildReader(required, fileSchema))
        .build();
  }

  /** Iceberg's delete loader, keeping each delete file's contents for the rest of the scan. */
  private static final class CachingDeleteLoader extends BaseDeleteLoader {

    private final Map<String, Object> loaded = new ConcurrentHashMap<>();

    CachingDeleteLoader(FileIO io) {
      super(file -> io.newInputFile(file.location(), file.fileSizeInBytes()));
    }

    @Override
    protected boolean canCache(long size) {
      return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected <V> V getOrLoad(String key, Supplier<V> valueSupplier, long valueSize) {
      return (V) loaded.computeIfAbsent(key, k -> valueSupplier.get());
    }
  }
}

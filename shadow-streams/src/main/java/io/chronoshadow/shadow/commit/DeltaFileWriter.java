package io.chronoshadow.shadow.commit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.deletes.EqualityDeleteWriter;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.parquet.Parquet;

/**
 * Writes one shadow's net changes of one table as at most two Parquet files: the new after-images
 * (a data file) and an equality-delete file on the key columns with every changed or deleted key.
 *
 * <p>Both files are committed in one snapshot. Iceberg applies an equality delete only to data
 * files with a strictly lower data sequence number, so the delete removes the keys' previous rows
 * but not the after-images added next to it.
 */
final class DeltaFileWriter {

  record DeltaFiles(DataFile dataFile, DeleteFile deleteFile) {}

  private DeltaFileWriter() {}

  static DeltaFiles write(
      Table table, String shadowId, NetChanges netChanges, Collection<NetChanges.Net> changes) {
    // Unique per attempt: a retried shadow must not collide with files an interrupted attempt left.
    OutputFileFactory files =
        OutputFileFactory.builderFor(table, 0, 0)
            .format(FileFormat.PARQUET)
            .operationId(shadowId + "-" + UUID.randomUUID().toString().substring(0, 8))
            .build();
    // The two files are independent: write the (small, key-only) delete file alongside the data.
    CompletableFuture<DeleteFile> deletes =
        CompletableFuture.supplyAsync(() -> writeDeletes(table, files, netChanges, changes));
    DataFile data;
    try {
      data = writeData(table, files, changes);
    } catch (RuntimeException e) {
      deletes.handle((file, failure) -> null).join();
      throw e;
    }
    try {
      return new DeltaFiles(data, deletes.join());
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  private static DataFile writeData(
      Table table, OutputFileFactory files, Collection<NetChanges.Net> changes) {
    if (changes.stream().allMatch(NetChanges.Net::deleted)) {
      return null;
    }
    try {
      DataWriter<Record> writer =
          Parquet.writeData(files.newOutputFile())
              .forTable(table)
              .schema(table.schema())
              .withSpec(table.spec())
              .createWriterFunc(GenericParquetWriter::create)
              .build();
      try (writer) {
        for (NetChanges.Net change : changes) {
          if (change.after() != null) {
            writer.write(change.after());
          }
        }
      }
      return writer.toDataFile();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write data file of " + table.name(), e);
    }
  }

  private static DeleteFile writeDeletes(
      Table table,
      OutputFileFactory files,
      NetChanges netChanges,
      Collection<NetChanges.Net> changes) {
    if (changes.isEmpty()) {
      return null;
    }
    Schema keySchema = netChanges.keySchema();
    int[] keyIds = keySchema.columns().stream().mapToInt(f -> f.fieldId()).toArray();
    try {
      EqualityDeleteWriter<Record> writer =
          Parquet.writeDeletes(files.newOutputFile())
              .forTable(table)
              .rowSchema(keySchema)
              .withSpec(table.spec())
              .equalityFieldIds(keyIds)
              .createWriterFunc(GenericParquetWriter::create)
              .buildEqualityWriter();
      // One reused key container: the Parquet writer copies values as each row is written.
      Record key = netChanges.newKeyRecord();
      try (writer) {
        for (NetChanges.Net change : changes) {
          netChanges.keyOf(change, key);
          writer.write(key);
        }
      }
      return writer.toDeleteFile();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write equality-delete file of " + table.name(), e);
    }
  }
}

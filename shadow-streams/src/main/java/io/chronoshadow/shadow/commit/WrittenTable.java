package io.chronoshadow.shadow.commit;

import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;

/**
 * One table's part of a shadow, written but not committed: the files a {@link TableWriter} left in
 * the object store for the committer to add in one row delta. Files of a written table that is
 * never committed (a crash between the two) are orphans that no snapshot references.
 *
 * @param dataFile the new after-images; null when the shadow only deletes
 * @param deleteFile equality deletes of every changed or deleted key; null when it only inserts
 * @param netChanges keys changed in the shadow (after netting)
 * @param collapseMillis time spent netting the changes against the table's schema
 * @param writeMillis time spent writing the files
 */
public record WrittenTable(
    String table,
    DataFile dataFile,
    DeleteFile deleteFile,
    int netChanges,
    long collapseMillis,
    long writeMillis) {

  public long bytesWritten() {
    return (dataFile == null ? 0 : dataFile.fileSizeInBytes())
        + (deleteFile == null ? 0 : deleteFile.fileSizeInBytes());
  }
}

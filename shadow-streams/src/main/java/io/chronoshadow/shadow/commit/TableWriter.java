package io.chronoshadow.shadow.commit;

import java.util.Collection;
import org.apache.iceberg.Table;

/**
 * Writes one table's net changes of a shadow as Parquet files ({@link WrittenTable}) and nothing
 * more: committing them is {@link ShadowCommitter}'s. Netting and files are hand-written rather
 * than Iceberg's equality-delta task writers: the changes arrive already netted per key (the change
 * history and the statistics need that net anyway), so each key has at most one after-image and one
 * delete and the position deletes those writers keep for a key written twice never arise.
 */
public final class TableWriter {

  private TableWriter() {}

  public static WrittenTable write(Table table, String shadowId, TableWrite write) {
    long t0 = System.nanoTime();
    NetChanges netChanges = NetChanges.forSchema(table.schema());
    Collection<NetChanges.Net> net = netChanges.collapse(table.name(), write.changes());
    long t1 = System.nanoTime();
    DeltaFileWriter.DeltaFiles files = DeltaFileWriter.write(table, shadowId, netChanges, net);
    long t2 = System.nanoTime();
    return new WrittenTable(
        write.table(),
        files.dataFile(),
        files.deleteFile(),
        net.size(),
        (t1 - t0) / 1_000_000,
        (t2 - t1) / 1_000_000);
  }
}

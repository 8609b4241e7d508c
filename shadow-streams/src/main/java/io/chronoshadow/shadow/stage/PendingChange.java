package io.chronoshadow.shadow.stage;

import io.chronoshadow.schemas.change.ChangeEvent;
import io.chronoshadow.shadow.cut.TableChange;
import java.time.Instant;
import java.util.Objects;

/**
 * One change event as the topology holds it in memory until its shadow is committed: the event
 * decoded once, what the cut tracker needs of it, and its original bytes and coordinates (a change
 * that turns out to be unusable is dead-lettered unchanged; the coordinates are what a recovery
 * re-reads, see {@code TableHold}).
 *
 * @param txId the source transaction id (PostgreSQL {@code source.txId}), null for snapshot reads
 * @param dataCollectionOrder position within the transaction for this table (0 for snapshot reads)
 * @param snapshotMarker Debezium's {@code source.snapshot} value, null when absent
 * @param rowKey canonical text of the primary key values (see {@code table.RowKeys})
 */
public record PendingChange(
    ChangeEvent event,
    String txId,
    long dataCollectionOrder,
    String snapshotMarker,
    String rowKey,
    String topic,
    int partition,
    long offset,
    byte[] rawKey,
    byte[] rawValue) {

  public PendingChange {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(rowKey, "rowKey");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(rawValue, "rawValue");
  }

  public String table() {
    return event.sourceTable();
  }

  /** Debezium's one-letter op code. */
  public String op() {
    return event.op().code();
  }

  public long commitMillis() {
    return event.commitTime().toEpochMilli();
  }

  /** What the table's cut tracker needs to place the event. */
  public TableChange tableChange() {
    return txId == null
        ? TableChange.snapshot()
        : TableChange.transactional(
            txId, dataCollectionOrder, Instant.ofEpochMilli(commitMillis()));
  }

  public boolean isSnapshotRead() {
    return txId == null;
  }

  /** Debezium marks the very last record of the whole initial snapshot {@code last}. */
  public boolean endsSnapshot() {
    return "last".equals(snapshotMarker);
  }

  /** Debezium marks the last snapshot record of each table (and of the whole snapshot). */
  public boolean endsSnapshotOfTable() {
    return "last_in_data_collection".equals(snapshotMarker) || "last".equals(snapshotMarker);
  }
}

package io.chronoshadow.shadow.topology;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.chronoshadow.shadow.cut.CutPlanner;
import io.chronoshadow.shadow.cut.TableCutTracker;
import io.chronoshadow.shadow.cut.TrackerState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Everything the topology stores per source table: its cut tracker, whether its initial snapshot is
 * complete, where its uncommitted events are in its topic ({@link TableHold}), its running row
 * count, and why it was stopped, if it was. Rewritten on every event of the table, into a cached
 * store: it reaches RocksDB and the changelog once per Kafka commit.
 */
final class TableProgress {

  private static final ObjectMapper JSON = new ObjectMapper();

  final String table;
  final TableCutTracker tracker;

  /** Snapshot reads of this table have been seen. */
  boolean baselineStarted;

  /** The table's snapshot is known to be complete (last marker, or streaming started). */
  boolean baselineComplete;

  TableHold hold = TableHold.NONE;
  long rowCount;

  /** Non-null once an incompatible schema change stopped the table's shadows. */
  String stoppedReason;

  private TableProgress(String table, TableCutTracker tracker) {
    this.table = table;
    this.tracker = tracker;
  }

  /**
   * A table first seen after {@code knownCuts} cuts were emitted: it had no events in any of them
   * (otherwise it would have been created when they were), so its tracker starts past them.
   */
  static TableProgress fresh(String table, long knownCuts, KeyValueStore<String, byte[]> seen) {
    return new TableProgress(
        table,
        tracker(
            new TrackerState(
                table,
                CutPlanner.DEFAULT_COMMIT_SKEW_TOLERANCE.toMillis(),
                0,
                knownCuts,
                List.of(),
                Long.MIN_VALUE,
                List.of(),
                0,
                null,
                0),
            seen));
  }

  /** The tracker of {@code state}, its duplicate window in the seen store. */
  private static TableCutTracker tracker(TrackerState state, KeyValueStore<String, byte[]> seen) {
    return TableCutTracker.restore(
        state,
        new StoreDedupWindow(
            seen,
            StoreKeys.seenEvents(state.table()),
            state.commitSkewToleranceMillis(),
            state.newestCommitMillis(),
            state.seenEvents()));
  }

  boolean isStopped() {
    return stoppedReason != null;
  }

  /** The stored form (written on every event of the table: one pass, no intermediate tree). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Stored(
      String table,
      TrackerState tracker,
      boolean baselineStarted,
      boolean baselineComplete,
      TableHold hold,
      long rowCount,
      String stoppedReason) {}

  byte[] encode() {
    try {
      return JSON.writeValueAsBytes(
          new Stored(
              table,
              tracker.state(),
              baselineStarted,
              baselineComplete,
              hold,
              rowCount,
              stoppedReason));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static TableProgress decode(byte[] bytes, KeyValueStore<String, byte[]> seen) {
    Stored stored;
    try {
      stored = JSON.readValue(bytes, Stored.class);
    } catch (UnrecognizedPropertyException e) {
      // Before staging by reference, events were kept in stores this version no longer reads.
      throw new IllegalStateException(
          "table progress was stored by an older version of the shadow application (field '"
              + e.getPropertyName()
              + "'); start this version with a new application id (chrono.shadow.application-id):"
              + " shadows already committed are found again, not written twice",
          e);
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable table progress", e);
    }
    TableProgress p = new TableProgress(stored.table(), tracker(stored.tracker(), seen));
    p.baselineStarted = stored.baselineStarted();
    p.baselineComplete = stored.baselineComplete();
    p.hold = stored.hold() == null ? TableHold.NONE : stored.hold();
    p.rowCount = stored.rowCount();
    p.stoppedReason = stored.stoppedReason();
    return p;
  }
}

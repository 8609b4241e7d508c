package io.chronoshadow.shadow.topology;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chronoshadow.shadow.cut.CutPlanner;
import io.chronoshadow.shadow.cut.TableCutTracker;
import io.chronoshadow.shadow.cut.TrackerState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Everything the topology keeps per source table: its cut tracker, whether its initial snapshot is
 * complete, its queue of events waiting for a cut (positions in the waiting store), its running row
 * count, and why it was stopped, if it was.
 */
final class TableProgress {

  private static final ObjectMapper JSON = new ObjectMapper();

  final String table;
  final TableCutTracker tracker;

  /** Snapshot reads of this table have been seen. */
  boolean baselineStarted;

  /** The table's snapshot is known to be complete (last marker, or streaming started). */
  boolean baselineComplete;

  long waitingHead;
  long waitingTail;
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

  boolean hasWaiting() {
    return waitingHead < waitingTail;
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
      long waitingHead,
      long waitingTail,
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
              waitingHead,
              waitingTail,
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
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable table progress", e);
    }
    TableProgress p = new TableProgress(stored.table(), tracker(stored.tracker(), seen));
    p.baselineStarted = stored.baselineStarted();
    p.baselineComplete = stored.baselineComplete();
    p.waitingHead = stored.waitingHead();
    p.waitingTail = stored.waitingTail();
    p.rowCount = stored.rowCount();
    p.stoppedReason = stored.stoppedReason();
    return p;
  }
}

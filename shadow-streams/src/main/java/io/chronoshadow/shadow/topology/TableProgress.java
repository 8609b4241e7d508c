package io.chronoshadow.shadow.topology;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chronoshadow.shadow.cut.CutPlanner;
import io.chronoshadow.shadow.cut.TableCutTracker;
import io.chronoshadow.shadow.cut.TrackerState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

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
  static TableProgress fresh(String table, long knownCuts) {
    TableCutTracker tracker =
        TableCutTracker.restore(
            new TrackerState(
                table,
                CutPlanner.DEFAULT_COMMIT_SKEW_TOLERANCE.toMillis(),
                0,
                knownCuts,
                List.of(),
                Long.MIN_VALUE,
                List.of(),
                0));
    return new TableProgress(table, tracker);
  }

  boolean hasWaiting() {
    return waitingHead < waitingTail;
  }

  boolean isStopped() {
    return stoppedReason != null;
  }

  byte[] encode() {
    ObjectNode node = JSON.createObjectNode();
    node.put("table", table);
    node.set("tracker", JSON.valueToTree(tracker.state()));
    node.put("baselineStarted", baselineStarted);
    node.put("baselineComplete", baselineComplete);
    node.put("waitingHead", waitingHead);
    node.put("waitingTail", waitingTail);
    node.put("rowCount", rowCount);
    if (stoppedReason != null) {
      node.put("stoppedReason", stoppedReason);
    }
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static TableProgress decode(byte[] bytes) {
    try {
      ObjectNode node = (ObjectNode) JSON.readTree(bytes);
      TrackerState state = JSON.treeToValue(node.get("tracker"), TrackerState.class);
      TableProgress p =
          new TableProgress(node.get("table").asText(), TableCutTracker.restore(state));
      p.baselineStarted = node.get("baselineStarted").asBoolean();
      p.baselineComplete = node.get("baselineComplete").asBoolean();
      p.waitingHead = node.get("waitingHead").asLong();
      p.waitingTail = node.get("waitingTail").asLong();
      p.rowCount = node.get("rowCount").asLong();
      p.stoppedReason =
          node.hasNonNull("stoppedReason") ? node.get("stoppedReason").asText() : null;
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable table progress", e);
    }
  }
}

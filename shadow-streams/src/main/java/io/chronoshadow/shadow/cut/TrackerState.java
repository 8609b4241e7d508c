package io.chronoshadow.shadow.cut;

import java.util.List;

/**
 * Everything a {@link TableCutTracker} knows, as plain data for a state store.
 *
 * @param assignedCount transactional events assigned so far (duplicates excluded)
 * @param lastKnownSequence the newest cut seen
 * @param openCuts cuts not yet filled: sequence and the table's cumulative count at that cut
 * @param seenEvents the dedup window of (order:txId) keys
 */
public record TrackerState(
    String table,
    long commitSkewToleranceMillis,
    long assignedCount,
    long lastKnownSequence,
    List<CutTarget> openCuts,
    long newestCommitMillis,
    List<SeenKey> seenEvents,
    long duplicates) {

  /** A cut the table's events have not reached yet. */
  public record CutTarget(long sequence, long cumulativeCount) {}

  public TrackerState {
    openCuts = List.copyOf(openCuts);
    seenEvents = List.copyOf(seenEvents);
  }
}

package io.chronoshadow.shadow.cut;

import java.util.List;

/**
 * Everything a {@link TableCutTracker} knows, as plain data for a state store.
 *
 * @param assignedCount transactional events assigned so far (duplicates excluded)
 * @param lastKnownSequence the newest cut seen
 * @param openCuts cuts not yet filled: sequence and the table's cumulative count at that cut
 * @param seenEvents the dedup window of transaction ids
 * @param lastTxId the transaction of the last event taken (null before the first)
 * @param lastOrder that event's {@code data_collection_order}
 */
public record TrackerState(
    String table,
    long commitSkewToleranceMillis,
    long assignedCount,
    long lastKnownSequence,
    List<CutTarget> openCuts,
    long newestCommitMillis,
    List<SeenKey> seenEvents,
    long duplicates,
    String lastTxId,
    long lastOrder) {

  /** A cut the table's events have not reached yet. */
  public record CutTarget(long sequence, long cumulativeCount) {}

  public TrackerState {
    openCuts = List.copyOf(openCuts);
    seenEvents = List.copyOf(seenEvents);
  }
}

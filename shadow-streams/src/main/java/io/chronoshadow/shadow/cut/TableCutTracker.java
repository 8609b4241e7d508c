package io.chronoshadow.shadow.cut;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Objects;

/**
 * Assigns one table's change events (its topic partition, in commit order) to shadows, using only
 * the counts in the cuts: shadow k receives the table's next {@code cumulative(k) −
 * cumulative(k−1)} distinct transactional events. Counting, rather than matching transaction ids
 * against cut membership, keeps the per-table state tiny; duplicates must therefore be removed
 * before counting, by {@code (txId, data_collection_order)}: within the transaction whose events
 * are arriving by the order taken last, and for any other transaction by its id in the window, one
 * entry per transaction (a re-delivery after a capture restart repeats whole transactions in commit
 * order, or the rest of the one in progress).
 *
 * <p>Events that no known cut covers yet are reported {@link Assignment.Waiting} and not consumed;
 * the caller keeps them and re-offers them, in order, after {@link #onCut}. Snapshot reads belong
 * to shadow 1, the baseline. Not thread-safe.
 */
public final class TableCutTracker {

  private final String table;
  private final long skewToleranceMillis;
  private long assignedCount;
  private long lastKnownSequence;
  private final ArrayDeque<TrackerState.CutTarget> openCuts = new ArrayDeque<>();
  private final DedupWindow seen;
  private long duplicates;
  // The transaction whose events are arriving and the highest order taken of it: duplicates
  // within it are found without the window, which holds one entry per transaction.
  private String lastTxId;
  private long lastOrder;

  public TableCutTracker(String table) {
    this(table, CutPlanner.DEFAULT_COMMIT_SKEW_TOLERANCE);
  }

  public TableCutTracker(String table, Duration commitSkewTolerance) {
    this.table = Objects.requireNonNull(table, "table");
    this.skewToleranceMillis = commitSkewTolerance.toMillis();
    this.seen = new RecentKeys(skewToleranceMillis);
  }

  private TableCutTracker(TrackerState s, DedupWindow seen) {
    this.table = s.table();
    this.skewToleranceMillis = s.commitSkewToleranceMillis();
    this.assignedCount = s.assignedCount();
    this.lastKnownSequence = s.lastKnownSequence();
    this.openCuts.addAll(s.openCuts());
    this.seen = seen;
    this.duplicates = s.duplicates();
    this.lastTxId = s.lastTxId();
    this.lastOrder = s.lastOrder();
  }

  /** A tracker that continues where the one that produced {@code state} stopped. */
  public static TableCutTracker restore(TrackerState state) {
    return new TableCutTracker(
        state,
        new RecentKeys(
            state.commitSkewToleranceMillis(), state.newestCommitMillis(), state.seenEvents()));
  }

  /**
   * As {@link #restore(TrackerState)}, with the duplicate window kept in {@code seen} (which must
   * hold the window of {@code state}); the tracker's own state then lists no seen events.
   */
  public static TableCutTracker restore(TrackerState state, DedupWindow seen) {
    return new TableCutTracker(state, seen);
  }

  public TrackerState state() {
    return new TrackerState(
        table,
        skewToleranceMillis,
        assignedCount,
        lastKnownSequence,
        new ArrayList<>(openCuts),
        seen.newestCommitMillis(),
        seen.entries(),
        duplicates,
        lastTxId,
        lastOrder);
  }

  /**
   * Learns a cut. Cuts must come in sequence order; one already known is ignored (at-least-once
   * delivery of the cuts themselves).
   */
  public void onCut(Cut cut) {
    if (cut.sequence() <= lastKnownSequence) {
      return;
    }
    if (cut.sequence() != lastKnownSequence + 1) {
      throw new IllegalStateException(
          "cut "
              + cut.sequence()
              + " of "
              + cut.group()
              + " arrived before cut "
              + (lastKnownSequence + 1)
              + " for table "
              + table);
    }
    lastKnownSequence = cut.sequence();
    openCuts.addLast(new TrackerState.CutTarget(cut.sequence(), cut.cumulativeCount(table)));
    dropFilledCuts();
  }

  /** Decides where {@code change} goes; see {@link Assignment} for what to do with each answer. */
  public Assignment offer(TableChange change) {
    if (change.isSnapshot()) {
      if (assignedCount > 0) {
        return new Assignment.Rejected(
            "snapshot read of "
                + table
                + " after streaming changes; only the initial snapshot is supported");
      }
      return new Assignment.Assigned(1, true);
    }
    long commit = change.commitTime().toEpochMilli();
    String txId = change.txId();
    boolean sameTransaction = txId.equals(lastTxId);
    boolean duplicate =
        sameTransaction
            ? change.dataCollectionOrder() <= lastOrder
            : seen.isDuplicate(txId, commit);
    if (duplicate) {
      duplicates++;
      return Assignment.DUPLICATE;
    }
    TrackerState.CutTarget target = openCuts.peekFirst();
    if (target == null) {
      return Assignment.WAITING;
    }
    if (!sameTransaction) {
      seen.remember(txId, commit);
      lastTxId = txId;
    }
    lastOrder = change.dataCollectionOrder();
    assignedCount++;
    dropFilledCuts();
    return new Assignment.Assigned(target.sequence(), false);
  }

  private void dropFilledCuts() {
    while (!openCuts.isEmpty() && openCuts.peekFirst().cumulativeCount() <= assignedCount) {
      openCuts.pollFirst();
    }
  }

  /**
   * The newest shadow whose transactional events of this table have all been assigned (0 if none):
   * this table's part of every shadow up to it is complete and can be committed.
   */
  public long completeThrough() {
    return openCuts.isEmpty() ? lastKnownSequence : openCuts.peekFirst().sequence() - 1;
  }

  public String table() {
    return table;
  }

  /** Transactional events assigned so far, duplicates excluded. */
  public long assignedCount() {
    return assignedCount;
  }

  /** Duplicates dropped so far. */
  public long duplicates() {
    return duplicates;
  }
}

package io.chronoshadow.shadow.cut;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The transactions since the last cut, kept per distinct effective time so that a manual cut can
 * still split the open shadow at any time after its start. Transactions with the same effective
 * millisecond can never be separated by a cut, so they share one entry; effective times never
 * decrease, so entries are only ever added at the end.
 *
 * <p>Kept in memory as part of the planner's state ({@link MemoryOpenShadow}), or outside it: the
 * topology keeps the entries in a state store, one per millisecond, because a busy bucket holds
 * tens of thousands of them and the planner's state is written on every transaction.
 */
public interface OpenShadow {

  /** {@code lastTxId} of an entry (and a cut) without transactions: only the baseline. */
  String NO_TRANSACTION = "";

  void add(long effectiveMillis, String txId, Map<String, Long> counts);

  /**
   * The initial snapshot at {@code effectiveMillis}: an entry without transactions (joined to one
   * at the same millisecond), so that the open shadow is not empty.
   */
  void addBaseline(long effectiveMillis);

  boolean hasBefore(long millis);

  /** Removes and sums every entry before {@code millis}; call only if {@link #hasBefore} holds. */
  Taken takeBefore(long millis);

  /** The entries, for a state snapshot; empty when they are kept elsewhere. */
  List<PlannerState.OpenEntry> entries();

  /**
   * The last entry after adding a transaction at {@code effectiveMillis}: {@code last} with the
   * transaction merged in when it has that millisecond, else a new entry.
   */
  static PlannerState.OpenEntry withTransaction(
      PlannerState.OpenEntry last, long effectiveMillis, String txId, Map<String, Long> counts) {
    if (last != null && last.effectiveMillis() == effectiveMillis) {
      TreeMap<String, Long> merged = new TreeMap<>(last.counts());
      Counts.addInto(merged, counts);
      return new PlannerState.OpenEntry(effectiveMillis, last.transactionCount() + 1, txId, merged);
    }
    return new PlannerState.OpenEntry(effectiveMillis, 1, txId, counts);
  }

  /**
   * What a cut takes out of the open shadow.
   *
   * @param heldBaseline the initial snapshot's entry was among them
   */
  record Taken(
      long transactionCount, String lastTxId, Map<String, Long> counts, boolean heldBaseline) {

    /** Sums entries in time order into what a cut takes. */
    public static final class Sum {
      private long transactions;
      private String lastTxId;
      private boolean baseline;
      private final TreeMap<String, Long> counts = new TreeMap<>();

      public void add(PlannerState.OpenEntry e) {
        // Only the baseline's entry has no transaction. (A transaction of the very same millisecond
        // merges into it and hides it; that bucket is then observed like any other.)
        baseline |= e.transactionCount() == 0;
        transactions += e.transactionCount();
        if (e.transactionCount() > 0 || lastTxId == null) {
          lastTxId = e.lastTxId();
        }
        Counts.addInto(counts, e.counts());
      }

      public Taken taken() {
        return new Taken(transactions, lastTxId, counts, baseline);
      }
    }
  }
}

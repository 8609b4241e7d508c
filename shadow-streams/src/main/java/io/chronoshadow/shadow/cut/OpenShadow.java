package io.chronoshadow.shadow.cut;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The transactions since the last cut, kept per distinct effective time so that a manual cut can
 * still split the open shadow at any time after its start. Transactions with the same effective
 * millisecond can never be separated by a cut, so they share one entry.
 */
final class OpenShadow {

  /** What a cut takes out of the open shadow. */
  record Taken(long transactionCount, String lastTxId, Map<String, Long> counts) {}

  private final ArrayDeque<PlannerState.OpenEntry> entries = new ArrayDeque<>();

  OpenShadow() {}

  OpenShadow(List<PlannerState.OpenEntry> restored) {
    entries.addAll(restored);
  }

  void add(long effectiveMillis, String txId, Map<String, Long> counts) {
    PlannerState.OpenEntry last = entries.peekLast();
    if (last != null && last.effectiveMillis() == effectiveMillis) {
      entries.pollLast();
      TreeMap<String, Long> merged = new TreeMap<>(last.counts());
      Counts.addInto(merged, counts);
      entries.addLast(
          new PlannerState.OpenEntry(effectiveMillis, last.transactionCount() + 1, txId, merged));
    } else {
      entries.addLast(new PlannerState.OpenEntry(effectiveMillis, 1, txId, counts));
    }
  }

  /**
   * The initial snapshot at {@code effectiveMillis}: an entry without transactions (joined to one
   * at the same millisecond), so that the open shadow is not empty.
   */
  void addBaseline(long effectiveMillis) {
    PlannerState.OpenEntry last = entries.peekLast();
    if (last == null || last.effectiveMillis() != effectiveMillis) {
      entries.addLast(new PlannerState.OpenEntry(effectiveMillis, 0, NO_TRANSACTION, Map.of()));
    }
  }

  /** {@code lastTxId} of an entry (and a cut) without transactions: only the baseline. */
  static final String NO_TRANSACTION = "";

  boolean hasBefore(long millis) {
    PlannerState.OpenEntry first = entries.peekFirst();
    return first != null && first.effectiveMillis() < millis;
  }

  /** Removes and sums every entry before {@code millis}; call only if {@link #hasBefore} holds. */
  Taken takeBefore(long millis) {
    long txs = 0;
    String lastTxId = null;
    TreeMap<String, Long> counts = new TreeMap<>();
    while (hasBefore(millis)) {
      PlannerState.OpenEntry e = entries.pollFirst();
      txs += e.transactionCount();
      if (e.transactionCount() > 0 || lastTxId == null) {
        lastTxId = e.lastTxId();
      }
      Counts.addInto(counts, e.counts());
    }
    return new Taken(txs, lastTxId, counts);
  }

  List<PlannerState.OpenEntry> entries() {
    return new ArrayList<>(entries);
  }
}

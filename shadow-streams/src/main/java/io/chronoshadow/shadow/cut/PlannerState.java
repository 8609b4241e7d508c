package io.chronoshadow.shadow.cut;

import io.chronoshadow.shadow.policy.BucketPolicy;
import java.util.List;
import java.util.Map;

/**
 * Everything a {@link CutPlanner} knows, as plain data for a state store ({@link PlannerStateCodec}
 * gives it a JSON form). Times are epoch milliseconds; {@link Long#MIN_VALUE} means "none yet".
 *
 * @param openCutMillis the cut time of the open scheduled bucket, or null when no bucket is open
 *     (no transaction since the last boundary)
 * @param rate smoothed change rate in changes per second, or null before the first observation
 * @param openShadow transactions since the last cut, per distinct effective millisecond
 * @param pendingManualCuts manual requests not yet reached by the watermark, by time
 * @param seenTransactions recently seen transaction ids (the duplicate-detection window)
 * @param lateInOpenShadow late transactions (see {@link LateTransaction}) in the open shadow; null
 *     in states written before late transactions were tracked, read as 0
 * @param lastLate the most recent late transaction, or null
 */
public record PlannerState(
    String group,
    BucketPolicy policy,
    long commitSkewToleranceMillis,
    long lastSequence,
    long lastCutMillis,
    long frontierMillis,
    long lastEffectiveMillis,
    Long openCutMillis,
    long scheduledStartMillis,
    long scheduledChanges,
    Double rate,
    Map<String, Long> cumulativeCounts,
    List<OpenEntry> openShadow,
    List<PendingManualCut> pendingManualCuts,
    long newestCommitMillis,
    List<SeenKey> seenTransactions,
    long duplicateTransactions,
    long lateTransactions,
    Long lateInOpenShadow,
    LateTransaction lastLate) {

  /** Transactions of the open shadow sharing one effective millisecond, in commit order. */
  public record OpenEntry(
      long effectiveMillis, long transactionCount, String lastTxId, Map<String, Long> counts) {
    public OpenEntry {
      counts = Counts.copyOf(counts, "counts");
    }
  }

  /** Manual requests waiting for the watermark to reach their time. */
  public record PendingManualCut(long atMillis, List<String> requestIds) {
    public PendingManualCut {
      requestIds = List.copyOf(requestIds);
    }
  }

  public PlannerState {
    cumulativeCounts = Counts.copyOf(cumulativeCounts, "cumulativeCounts");
    openShadow = List.copyOf(openShadow);
    pendingManualCuts = List.copyOf(pendingManualCuts);
    seenTransactions = List.copyOf(seenTransactions);
    if (lateInOpenShadow == null) {
      lateInOpenShadow = 0L;
    }
  }
}

package io.chronoshadow.shadow.cut;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One shadow boundary of a group. The shadow holds every transaction whose effective commit time is
 * before {@code cutTime} and after the previous cut's.
 *
 * @param sequence 1, 2, … per group; shadow 1 is also the baseline holding the initial snapshot
 * @param transactionCount transactions in this shadow
 * @param lastTxId the last transaction (in commit order) of this shadow; empty for a baseline
 *     shadow without transactions
 * @param cumulativeCounts per table, events of all shadows up to and including this one
 * @param shadowCounts per table, events in this shadow
 * @param requestIds manual requests this cut satisfies (empty for purely scheduled cuts)
 * @param lateTransactions transactions in this shadow whose commit time was before an earlier cut
 *     (see {@link LateTransaction}); 0 in a healthy group
 */
public record Cut(
    String group,
    long sequence,
    Instant cutTime,
    String shadowId,
    CutTrigger trigger,
    long transactionCount,
    String lastTxId,
    Map<String, Long> cumulativeCounts,
    Map<String, Long> shadowCounts,
    List<String> requestIds,
    long lateTransactions) {

  public Cut {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(cutTime, "cutTime");
    Objects.requireNonNull(shadowId, "shadowId");
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(lastTxId, "lastTxId");
    cumulativeCounts = Counts.copyOf(cumulativeCounts, "cumulativeCounts");
    shadowCounts = Counts.copyOf(shadowCounts, "shadowCounts");
    requestIds = List.copyOf(requestIds);
  }

  /** Events of {@code table} in all shadows up to and including this one. */
  public long cumulativeCount(String table) {
    return cumulativeCounts.getOrDefault(table, 0L);
  }

  public long changeCount() {
    return Counts.total(shadowCounts);
  }
}

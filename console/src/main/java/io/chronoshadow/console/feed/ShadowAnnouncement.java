package io.chronoshadow.console.feed;

import java.time.Instant;
import java.util.List;

/**
 * A record of {@code chrono.shadows}: what the topology said when it committed a shadow.
 *
 * @param lateTransactions transactions in this shadow that belonged to an earlier one by their
 *     commit time (0 in records written before the field existed)
 */
public record ShadowAnnouncement(
    String shadowId,
    String group,
    long sequence,
    Instant cutTime,
    String trigger,
    long transactionCount,
    long changeCount,
    List<String> tables,
    List<String> requestIds,
    long commitMillis,
    long lateTransactions) {}

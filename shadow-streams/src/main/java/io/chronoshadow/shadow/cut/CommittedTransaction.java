package io.chronoshadow.shadow.cut;

import java.time.Instant;
import java.util.Map;

/**
 * A transaction END event from Debezium's transaction metadata topic: its id, commit time ({@code
 * ts_ms}) and per-table event counts ({@code data_collections}). Tables with a zero count are
 * dropped; a transaction with no events in the group only advances time.
 */
public record CommittedTransaction(
    String txId, Instant commitTime, Map<String, Long> eventsPerTable) implements PlannerInput {

  public CommittedTransaction {
    if (txId == null || txId.isEmpty()) {
      throw new IllegalArgumentException("txId must not be empty");
    }
    Counts.requireEpochMillis(commitTime, "commitTime");
    eventsPerTable = Counts.copyOf(eventsPerTable, "eventsPerTable of " + txId);
  }
}

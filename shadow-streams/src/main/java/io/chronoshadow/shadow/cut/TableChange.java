package io.chronoshadow.shadow.cut;

import java.time.Instant;
import java.util.Objects;

/**
 * What a {@link TableCutTracker} needs of one change event: its transaction id, its {@code
 * data_collection_order} (1..n within the transaction for this table) and its commit time ({@code
 * source.ts_ms}, which bounds how long its dedup key is remembered). Snapshot reads (op {@code r})
 * have no transaction.
 */
public record TableChange(String txId, long dataCollectionOrder, Instant commitTime) {

  public TableChange {
    if (txId != null) {
      if (txId.isEmpty()) {
        throw new IllegalArgumentException("txId must be null (snapshot) or non-empty");
      }
      if (dataCollectionOrder < 1) {
        throw new IllegalArgumentException(
            "dataCollectionOrder must be ≥ 1 (was " + dataCollectionOrder + ")");
      }
      Objects.requireNonNull(commitTime, "commitTime");
    }
  }

  public static TableChange transactional(
      String txId, long dataCollectionOrder, Instant commitTime) {
    return new TableChange(txId, dataCollectionOrder, commitTime);
  }

  public static TableChange snapshot() {
    return new TableChange(null, 0, null);
  }

  public boolean isSnapshot() {
    return txId == null;
  }
}

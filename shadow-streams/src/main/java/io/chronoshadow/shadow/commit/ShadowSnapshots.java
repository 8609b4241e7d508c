package io.chronoshadow.shadow.commit;

import java.util.Optional;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;

/** Finds the snapshot that already stores a shadow, so that a retried commit never adds another. */
final class ShadowSnapshots {

  private ShadowSnapshots() {}

  /**
   * The snapshot carrying {@code shadowId} in its summary, walking back from the current snapshot
   * until a snapshot of an earlier shadow (so the walk is short: a retry concerns the newest
   * shadow).
   */
  static Optional<Snapshot> find(Table table, String shadowId, long sequence) {
    Snapshot current = table.currentSnapshot();
    if (current == null) {
      return Optional.empty();
    }
    for (Snapshot snapshot : SnapshotUtil.ancestorsOf(current.snapshotId(), table::snapshot)) {
      if (ShadowSummary.shadowId(snapshot).filter(shadowId::equals).isPresent()) {
        return Optional.of(snapshot);
      }
      Optional<Long> seq = ShadowSummary.sequence(snapshot);
      if (seq.isPresent() && seq.get() < sequence) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}

package io.chronoshadow.console.shadows;

import io.chronoshadow.shadow.table.ShadowTableName;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.iceberg.ManageSnapshots;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.exceptions.CommitFailedException;

/**
 * A pinned shadow's tags never expire in Iceberg: {@code max-ref-age-ms} = {@link Long#MAX_VALUE}
 * on the shadow's tag of every table, so that snapshot expiry (Iceberg's, or Trino's {@code
 * expire_snapshots}) keeps the tag and the snapshot it names. Unpinning gives the tag back the
 * table's default age.
 */
final class PinnedTags {

  static final long FOREVER = Long.MAX_VALUE;
  private static final int ATTEMPTS = 5;

  private final Catalog catalog;

  PinnedTags(Catalog catalog) {
    this.catalog = catalog;
  }

  void pin(String group, GroupShadow shadow) {
    for (Map.Entry<String, Long> table : shadow.snapshots().entrySet()) {
      update(
          new ShadowTableName(group, table.getKey()),
          shadow.id(),
          ops -> ops.setMaxRefAgeMs(shadow.id(), FOREVER));
    }
  }

  void unpin(String group, GroupShadow shadow) {
    for (Map.Entry<String, Long> table : shadow.snapshots().entrySet()) {
      long snapshotId = table.getValue();
      update(
          new ShadowTableName(group, table.getKey()),
          shadow.id(),
          ops -> ops.removeTag(shadow.id()).createTag(shadow.id(), snapshotId));
    }
  }

  /** True when every table's tag of the shadow never expires. */
  boolean isPinned(String group, GroupShadow shadow) {
    for (String table : shadow.snapshots().keySet()) {
      SnapshotRef ref =
          catalog.loadTable(new ShadowTableName(group, table).identifier()).refs().get(shadow.id());
      if (ref == null || ref.maxRefAgeMs() == null || ref.maxRefAgeMs() != FOREVER) {
        return false;
      }
    }
    return true;
  }

  private void update(ShadowTableName name, String tag, Consumer<ManageSnapshots> change) {
    // The topology commits to the same tables: retry on a concurrent commit, on fresh metadata.
    for (int attempt = 1; ; attempt++) {
      Table table = catalog.loadTable(name.identifier());
      if (!table.refs().containsKey(tag)) {
        return;
      }
      ManageSnapshots ops = table.manageSnapshots();
      change.accept(ops);
      try {
        ops.commit();
        return;
      } catch (CommitFailedException e) {
        if (attempt >= ATTEMPTS) {
          throw e;
        }
      }
    }
  }
}

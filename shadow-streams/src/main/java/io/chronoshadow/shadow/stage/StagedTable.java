package io.chronoshadow.shadow.stage;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One table's part of one open shadow, netted as events arrive: one entry per primary key (a later
 * change of a key replaces the earlier one, keeping the first for its before-image), the change
 * counts by operation, and the newest offset staged. In memory only: what a crash loses is re-read
 * from the change topic (see {@code TableHold}).
 */
public final class StagedTable {

  private final String table;
  private final Map<String, StagedKey> byKey = new LinkedHashMap<>();
  private OpCounts ops = OpCounts.NONE;
  private PendingChange newest;

  public StagedTable(String table) {
    this.table = table;
  }

  public void add(PendingChange change) {
    byKey.merge(change.rowKey(), StagedKey.of(change), (earlier, now) -> earlier.then(change));
    ops = ops.plus(change.op());
    if (newest == null || change.offset() > newest.offset()) {
      newest = change;
    }
  }

  public String table() {
    return table;
  }

  /** Net changes, one per key, in the order keys were first changed. */
  public Collection<StagedKey> keys() {
    return byKey.values();
  }

  public int size() {
    return byKey.size();
  }

  public OpCounts ops() {
    return ops;
  }

  /** The change staged last (newest offset): its writer schema is the table's schema at the cut. */
  public PendingChange newest() {
    return newest;
  }
}

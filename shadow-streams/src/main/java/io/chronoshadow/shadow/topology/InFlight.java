package io.chronoshadow.shadow.topology;

import io.chronoshadow.shadow.stage.PendingChange;
import io.chronoshadow.shadow.stage.StagedTable;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the processor holds in memory between a change event's arrival and its shadow's commit: per
 * open shadow and table the netted changes, and per table the events that no known cut covers yet,
 * in arrival order. Nothing here is stored: {@link TableHold} says where in the change topics a
 * recovery finds these events again.
 */
final class InFlight {

  private final TreeMap<Long, Map<String, StagedTable>> staged = new TreeMap<>();
  private final Map<String, ArrayDeque<PendingChange>> waiting = new HashMap<>();

  void stage(long shadow, PendingChange change) {
    staged
        .computeIfAbsent(shadow, s -> new TreeMap<>())
        .computeIfAbsent(change.table(), StagedTable::new)
        .add(change);
  }

  /** The tables with changes in {@code shadow}, by source table name (none: empty). */
  Map<String, StagedTable> shadow(long shadow) {
    return staged.getOrDefault(shadow, Map.of());
  }

  void committed(long shadow) {
    staged.headMap(shadow, true).clear();
  }

  ArrayDeque<PendingChange> waiting(String table) {
    return waiting.computeIfAbsent(table, t -> new ArrayDeque<>());
  }

  void clear() {
    staged.clear();
    waiting.clear();
  }
}

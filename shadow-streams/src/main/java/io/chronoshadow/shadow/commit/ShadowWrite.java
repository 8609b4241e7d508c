package io.chronoshadow.shadow.commit;

import io.chronoshadow.shadow.cut.ShadowIds;
import io.chronoshadow.shadow.history.KeyChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything one shadow stores: its identity (id, group, sequence, cut time), the source offsets it
 * covers, and per table the changes since the previous shadow. Tables of the group that are not
 * listed are still tagged, except {@code stoppedTables} (Iceberg table names): their shadows
 * stopped at an incompatible schema change, and their last good state must not pass for this
 * shadow's. {@code history} is what the shadow did to each changed key, for the group's change
 * history (empty: no history rows for this shadow).
 */
public record ShadowWrite(
    String shadowId,
    String group,
    long sequence,
    Instant cutTime,
    Map<String, String> sourceOffsets,
    List<TableWrite> tables,
    Set<String> stoppedTables,
    List<KeyChange> history) {

  /** A shadow of a group none of whose tables is stopped, without history rows. */
  public ShadowWrite(
      String shadowId,
      String group,
      long sequence,
      Instant cutTime,
      Map<String, String> sourceOffsets,
      List<TableWrite> tables) {
    this(shadowId, group, sequence, cutTime, sourceOffsets, tables, Set.of(), List.of());
  }

  public ShadowWrite {
    List<String> problems = new ArrayList<>();
    if (group == null || cutTime == null) {
      problems.add("group and cutTime are required");
    } else {
      try {
        String expected = ShadowIds.of(group, cutTime);
        if (!expected.equals(shadowId)) {
          problems.add(
              "shadowId must be " + expected + " for this group and cut (was " + shadowId + ")");
        }
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    if (sequence < 1) {
      problems.add("sequence must be ≥ 1 (was " + sequence + ")");
    }
    sourceOffsets = sourceOffsets == null ? Map.of() : Map.copyOf(sourceOffsets);
    tables = tables == null ? List.of() : List.copyOf(tables);
    stoppedTables = stoppedTables == null ? Set.of() : Set.copyOf(stoppedTables);
    history = history == null ? List.of() : List.copyOf(history);
    Set<String> names = new HashSet<>();
    for (TableWrite t : tables) {
      if (!names.add(t.table())) {
        problems.add("table " + t.table() + " listed twice");
      }
      if (stoppedTables.contains(t.table())) {
        problems.add("table " + t.table() + " is stopped and cannot be written");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid shadow write: " + String.join("; ", problems));
    }
  }
}

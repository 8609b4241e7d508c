package io.chronoshadow.shadow.read;

import java.util.List;
import java.util.Map;

/**
 * How a table changed from one shadow to another, by primary key: rows present only in the later
 * shadow ({@code added}), only in the earlier one ({@code removed}), and in both with different
 * values ({@code changed}). A key changed and changed back in between does not appear.
 */
public record ShadowDiff(
    String fromShadow,
    String toShadow,
    List<Map<String, Object>> added,
    List<Map<String, Object>> removed,
    List<ChangedRow> changed) {

  public record ChangedRow(Map<String, Object> before, Map<String, Object> after) {}

  public boolean isEmpty() {
    return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
  }

  ShadowDiff inverted() {
    return new ShadowDiff(
        toShadow,
        fromShadow,
        removed,
        added,
        changed.stream().map(c -> new ChangedRow(c.after(), c.before())).toList());
  }
}

package io.chronoshadow.shadow.stage;

/**
 * The net change of one primary key in one shadow: its first change (whose before-image is the row
 * at the previous shadow, for the change history) and its last (what the shadow stores).
 *
 * @param events change events of the key in the shadow (1 for a single change)
 */
public record StagedKey(PendingChange first, PendingChange last, int events) {

  static StagedKey of(PendingChange change) {
    return new StagedKey(change, change, 1);
  }

  StagedKey then(PendingChange later) {
    return new StagedKey(first, later, events + 1);
  }

  public boolean changedMoreThanOnce() {
    return events > 1;
  }
}

package io.chronoshadow.shadow.commit;

import io.chronoshadow.shadow.table.IncompatibleSchemaChange;
import java.util.List;

/** A shadow was refused because a table's schema changed incompatibly; nothing was written. */
public final class IncompatibleSchemaException extends RuntimeException {

  private final transient List<IncompatibleSchemaChange> changes;

  IncompatibleSchemaException(String shadowId, List<IncompatibleSchemaChange> changes) {
    super(
        "shadow "
            + shadowId
            + " not committed: "
            + String.join(" | ", changes.stream().map(IncompatibleSchemaChange::message).toList()));
    this.changes = List.copyOf(changes);
  }

  public List<IncompatibleSchemaChange> changes() {
    return changes;
  }
}

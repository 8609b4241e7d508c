package io.chronoshadow.shadow.table;

import java.util.List;

/** What preparing a shadow table for a source schema did. */
public sealed interface SchemaOutcome
    permits SchemaOutcome.Created,
        SchemaOutcome.Unchanged,
        SchemaOutcome.Evolved,
        IncompatibleSchemaChange {

  /** The table did not exist and was created from this schema. */
  record Created(ShadowTableName table) implements SchemaOutcome {}

  /** The table already matches the schema. */
  record Unchanged(ShadowTableName table) implements SchemaOutcome {}

  /** Additive changes were applied, each described in {@code changes}. */
  record Evolved(ShadowTableName table, List<String> changes) implements SchemaOutcome {
    public Evolved {
      changes = List.copyOf(changes);
    }
  }
}

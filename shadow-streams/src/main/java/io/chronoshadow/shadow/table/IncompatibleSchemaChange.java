package io.chronoshadow.shadow.table;

import java.util.List;

/**
 * A source schema change that the shadow table cannot follow without rewriting history (type
 * narrowing or change, primary key change, a dropped required column). Nothing was changed.
 */
public record IncompatibleSchemaChange(ShadowTableName table, List<String> problems)
    implements SchemaOutcome {

  public IncompatibleSchemaChange {
    problems = List.copyOf(problems);
  }

  public String message() {
    return "incompatible schema change for " + table + ": " + String.join("; ", problems);
  }
}

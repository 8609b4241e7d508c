package io.chronoshadow.schemas.registry;

import java.util.List;
import java.util.Objects;

/** One version of a subject as the registry stores it: the raw schema text and its references. */
public record RegisteredSchema(
    String subject, int version, int id, String schemaText, List<SchemaReference> references) {
  public RegisteredSchema {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(schemaText, "schemaText");
    references = List.copyOf(references);
  }
}

package io.chronoshadow.schemas.registry;

import java.util.Objects;

/**
 * A named type that a schema uses but does not define: it is defined by {@code version} of {@code
 * subject}. For Avro, {@code name} is the referenced type's full name.
 */
public record SchemaReference(String name, String subject, int version) {
  public SchemaReference {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(subject, "subject");
  }
}

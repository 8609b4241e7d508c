package io.chronoshadow.schemas.registry;

import java.util.List;
import org.apache.avro.Schema;

/**
 * The operations of a Confluent-compatible schema registry that Chrono-Shadow uses. Every method
 * throws {@link SchemaRegistryException} when the registry refuses or cannot be reached.
 */
public interface SchemaRegistry {

  /** Registers (or finds, if already registered) {@code schemaText} under {@code subject}. */
  int register(String subject, String schemaText, List<SchemaReference> references);

  /** Registers a self-contained Avro schema (no references) under {@code subject}. */
  int register(String subject, Schema schema);

  /**
   * The id under which {@code schemaText} is already registered in {@code subject}; a 404 {@link
   * SchemaRegistryException} when it is not.
   */
  int lookupId(String subject, String schemaText, List<SchemaReference> references);

  /** {@link #lookupId(String, String, List)} for a self-contained Avro schema. */
  int lookupId(String subject, Schema schema);

  /** The Avro schema with this global id, with the types it references resolved. */
  Schema schemaById(int id);

  RegisteredSchema latest(String subject);

  RegisteredSchema version(String subject, int version);

  List<String> subjects();

  void setCompatibility(String subject, CompatibilityLevel level);

  /** The subject's compatibility level, or the global one when the subject has none of its own. */
  CompatibilityLevel compatibility(String subject);

  /**
   * Whether {@code schemaText} could be registered as the next version of {@code subject}. A
   * subject without versions accepts anything.
   */
  boolean isCompatible(String subject, String schemaText, List<SchemaReference> references);
}

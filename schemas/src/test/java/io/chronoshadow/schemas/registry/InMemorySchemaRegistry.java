package io.chronoshadow.schemas.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * A registry in memory for unit tests of the codecs; the HTTP client itself is tested against the
 * real Apicurio Registry in devstack. No references and no compatibility checks.
 */
public final class InMemorySchemaRegistry implements SchemaRegistry {
  private final Map<String, Integer> ids = new HashMap<>();
  private final Map<Integer, String> texts = new HashMap<>();
  private final Map<String, List<Integer>> subjects = new HashMap<>();
  private final Map<String, CompatibilityLevel> levels = new HashMap<>();
  private int lookups;

  @Override
  public synchronized int register(String subject, String schemaText, List<SchemaReference> refs) {
    String canonical = new Schema.Parser().parse(schemaText).toString();
    int id = ids.computeIfAbsent(canonical, text -> ids.size() + 1);
    texts.put(id, canonical);
    List<Integer> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
    if (!versions.contains(id)) {
      versions.add(id);
    }
    return id;
  }

  @Override
  public int register(String subject, Schema schema) {
    return register(subject, schema.toString(), List.of());
  }

  @Override
  public synchronized int lookupId(String subject, String schemaText, List<SchemaReference> refs) {
    Integer id = ids.get(new Schema.Parser().parse(schemaText).toString());
    if (id == null || !subjects.getOrDefault(subject, List.of()).contains(id)) {
      throw new SchemaRegistryException(
          "not registered", 404, SchemaRegistryException.SCHEMA_NOT_FOUND, "not found", subject);
    }
    return id;
  }

  @Override
  public int lookupId(String subject, Schema schema) {
    return lookupId(subject, schema.toString(), List.of());
  }

  @Override
  public synchronized Schema schemaById(int id) {
    lookups++;
    String text = texts.get(id);
    if (text == null) {
      throw new SchemaRegistryException(
          "Schema " + id + " not found",
          404,
          SchemaRegistryException.SCHEMA_NOT_FOUND,
          "Schema " + id + " not found",
          null);
    }
    return new Schema.Parser().parse(text);
  }

  @Override
  public synchronized RegisteredSchema latest(String subject) {
    List<Integer> versions = subjects.get(subject);
    if (versions == null) {
      throw new SchemaRegistryException(
          "no subject", 404, SchemaRegistryException.SUBJECT_NOT_FOUND, "no subject", subject);
    }
    return version(subject, versions.size());
  }

  @Override
  public synchronized RegisteredSchema version(String subject, int version) {
    int id = subjects.get(subject).get(version - 1);
    return new RegisteredSchema(subject, version, id, texts.get(id), List.of());
  }

  @Override
  public synchronized List<String> subjects() {
    return List.copyOf(subjects.keySet());
  }

  @Override
  public synchronized void setCompatibility(String subject, CompatibilityLevel level) {
    levels.put(subject, level);
  }

  @Override
  public synchronized CompatibilityLevel compatibility(String subject) {
    // as the embedded Apicurio starts: no global rule, i.e. NONE
    return levels.getOrDefault(subject, CompatibilityLevel.NONE);
  }

  @Override
  public boolean isCompatible(String subject, String schemaText, List<SchemaReference> refs) {
    return true;
  }

  /** How often {@link #schemaById} was asked. */
  public synchronized int schemaLookups() {
    return lookups;
  }
}

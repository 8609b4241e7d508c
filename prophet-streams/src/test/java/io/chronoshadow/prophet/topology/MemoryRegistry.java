package io.chronoshadow.prophet.topology;

import io.chronoshadow.schemas.registry.CompatibilityLevel;
import io.chronoshadow.schemas.registry.RegisteredSchema;
import io.chronoshadow.schemas.registry.SchemaReference;
import io.chronoshadow.schemas.registry.SchemaRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Just enough of a registry for topology tests: ids by canonical schema text, subjects recorded.
 * The real registry (Apicurio through the Confluent API) is exercised by the end-to-end test.
 */
public final class MemoryRegistry implements SchemaRegistry {
  private final List<Schema> byId = new ArrayList<>();
  private final Map<String, List<Integer>> bySubject = new LinkedHashMap<>();

  @Override
  public synchronized int register(String subject, String text, List<SchemaReference> refs) {
    Schema schema = new Schema.Parser().parse(text);
    int id = byId.indexOf(schema) + 1;
    if (id == 0) {
      byId.add(schema);
      id = byId.size();
    }
    List<Integer> versions = bySubject.computeIfAbsent(subject, s -> new ArrayList<>());
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
  public int lookupId(String subject, String text, List<SchemaReference> refs) {
    return register(subject, text, refs);
  }

  @Override
  public int lookupId(String subject, Schema schema) {
    return register(subject, schema);
  }

  @Override
  public synchronized Schema schemaById(int id) {
    return byId.get(id - 1);
  }

  @Override
  public RegisteredSchema latest(String subject) {
    throw new UnsupportedOperationException("not needed by the serdes");
  }

  @Override
  public RegisteredSchema version(String subject, int version) {
    throw new UnsupportedOperationException("not needed by the serdes");
  }

  @Override
  public synchronized List<String> subjects() {
    return new ArrayList<>(bySubject.keySet());
  }

  @Override
  public void setCompatibility(String subject, CompatibilityLevel level) {
    throw new UnsupportedOperationException("not needed by the serdes");
  }

  @Override
  public CompatibilityLevel compatibility(String subject) {
    return CompatibilityLevel.BACKWARD;
  }

  @Override
  public boolean isCompatible(String subject, String text, List<SchemaReference> refs) {
    return true;
  }
}

package io.chronoshadow.shadow.topology;

import io.chronoshadow.schemas.registry.CompatibilityLevel;
import io.chronoshadow.schemas.registry.RegisteredSchema;
import io.chronoshadow.schemas.registry.SchemaReference;
import io.chronoshadow.schemas.registry.SchemaRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * A schema registry in memory, for topology tests that check Avro outputs without a registry
 * process; the registry client itself is tested against the real registry elsewhere. Registering
 * and reading schemas by id is all the serdes need.
 */
final class TestRegistry implements SchemaRegistry {

  private final Map<String, Integer> ids = new HashMap<>();
  private final List<Schema> schemas = new ArrayList<>();
  private final Map<String, List<Integer>> subjects = new HashMap<>();

  @Override
  public synchronized int register(String subject, String text, List<SchemaReference> refs) {
    Schema schema = new Schema.Parser().parse(text);
    int id =
        ids.computeIfAbsent(
            schema.toString(),
            s -> {
              schemas.add(schema);
              return schemas.size();
            });
    subjects.computeIfAbsent(subject, s -> new ArrayList<>()).add(id);
    return id;
  }

  @Override
  public int register(String subject, Schema schema) {
    return register(subject, schema.toString(), List.of());
  }

  @Override
  public synchronized int lookupId(String subject, String text, List<SchemaReference> refs) {
    return ids.get(new Schema.Parser().parse(text).toString());
  }

  @Override
  public int lookupId(String subject, Schema schema) {
    return lookupId(subject, schema.toString(), List.of());
  }

  @Override
  public synchronized Schema schemaById(int id) {
    return schemas.get(id - 1);
  }

  synchronized List<String> subjectNames() {
    return new ArrayList<>(subjects.keySet());
  }

  @Override
  public RegisteredSchema latest(String subject) {
    throw new UnsupportedOperationException();
  }

  @Override
  public RegisteredSchema version(String subject, int version) {
    throw new UnsupportedOperationException();
  }

  @Override
  public List<String> subjects() {
    return subjectNames();
  }

  @Override
  public void setCompatibility(String subject, CompatibilityLevel level) {
    throw new UnsupportedOperationException();
  }

  @Override
  public CompatibilityLevel compatibility(String subject) {
    throw new UnsupportedOperationException();
  }

  @Override
  public boolean isCompatible(String subject, String text, List<SchemaReference> refs) {
    return true;
  }
}

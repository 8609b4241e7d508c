package io.chronoshadow.devstack.capture;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.storage.Converter;

/** How captured records are serialized into Kafka. */
public enum ConverterKind {
  /**
   * Avro in the Confluent wire format, schemas registered in the schema registry (needs its URL).
   * The project's default.
   */
  AVRO("io.chronoshadow.schemas.connect.RegistryAvroConverter"),
  /** Kafka Connect JSON with embedded schemas; needs no registry. */
  JSON("org.apache.kafka.connect.json.JsonConverter");

  /** What the dev stack uses unless told otherwise. */
  public static final ConverterKind DEFAULT = AVRO;

  private final String className;

  ConverterKind(String className) {
    this.className = className;
  }

  public String className() {
    return className;
  }

  public boolean needsRegistry() {
    return this == AVRO;
  }

  /**
   * A configured converter for keys or values. The class is looked up by name so that capture does
   * not depend at compile time on which converters are present.
   */
  public Converter create(boolean isKey, String registryUrl) {
    Converter converter;
    try {
      converter = (Converter) Class.forName(className).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new IllegalStateException("converter " + className + " is not available: " + e, e);
    }
    Map<String, Object> config = new HashMap<>();
    if (this == JSON) {
      config.put("schemas.enable", "true");
    }
    if (needsRegistry()) {
      if (registryUrl == null || registryUrl.isBlank()) {
        throw new IllegalArgumentException(name() + " records need a schema registry URL");
      }
      config.put("schema.registry.url", registryUrl);
    }
    converter.configure(config, isKey);
    return converter;
  }
}

package io.chronoshadow.schemas.wire;

import io.chronoshadow.schemas.registry.SchemaRegistry;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * {@link RegistryAvroSerializer} and {@link RegistryAvroDeserializer} as one Kafka Streams serde.
 */
public class RegistryAvroSerde implements Serde<GenericRecord> {
  private final RegistryAvroSerializer<GenericRecord> serializer;
  private final RegistryAvroDeserializer deserializer;

  /** For reflective instantiation (e.g. {@code default.value.serde}); configure before use. */
  public RegistryAvroSerde() {
    this.serializer = new RegistryAvroSerializer<>();
    this.deserializer = new RegistryAvroDeserializer();
  }

  /** Shares {@code registry} (and its caches); {@code configure} only needs {@code isKey} then. */
  public RegistryAvroSerde(SchemaRegistry registry, boolean autoRegister, boolean isKey) {
    this.serializer =
        new RegistryAvroSerializer<GenericRecord>(registry, autoRegister).forKeys(isKey);
    this.deserializer = new RegistryAvroDeserializer(registry);
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    serializer.configure(configs, isKey);
    deserializer.configure(configs, isKey);
  }

  @Override
  public Serializer<GenericRecord> serializer() {
    return serializer;
  }

  @Override
  public Deserializer<GenericRecord> deserializer() {
    return deserializer;
  }
}

package io.chronoshadow.schemas.wire;

import io.chronoshadow.schemas.registry.SchemaRegistry;
import io.chronoshadow.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.generic.GenericContainer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro records (and other {@link GenericContainer}s) in the Confluent wire format,
 * registering their schema under {@code <topic>-key} / {@code <topic>-value}. Configure with {@code
 * schema.registry.url} and optionally {@code auto.register.schemas} (default true), or construct it
 * with a registry.
 */
public class RegistryAvroSerializer<T extends GenericContainer> implements Serializer<T> {
  private RegistryAvroCodec codec;
  private boolean autoRegister = true;
  private boolean isKey;

  /** For Kafka's reflective instantiation; {@link #configure} must be called. */
  public RegistryAvroSerializer() {}

  public RegistryAvroSerializer(SchemaRegistry registry, boolean autoRegister) {
    this.codec = new RegistryAvroCodec(registry);
    this.autoRegister = autoRegister;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.isKey = isKey;
    this.autoRegister = RegistrySerdeConfig.autoRegister(configs, autoRegister);
    // A registry given to the constructor wins; only otherwise is the URL needed.
    if (codec == null) {
      codec =
          new RegistryAvroCodec(new SchemaRegistryClient(RegistrySerdeConfig.registryUrl(configs)));
    }
  }

  @Override
  public byte[] serialize(String topic, T data) {
    if (data == null) {
      return null;
    }
    if (codec == null) {
      throw new IllegalStateException("RegistryAvroSerializer is not configured");
    }
    return codec.encode(SubjectNames.forTopic(topic, isKey), data.getSchema(), data, autoRegister);
  }

  /** Serializes as a key ({@code <topic>-key}) or value; for instances built without configure. */
  public RegistryAvroSerializer<T> forKeys(boolean keys) {
    this.isKey = keys;
    return this;
  }
}

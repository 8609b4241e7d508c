package io.chronoshadow.schemas.wire;

import io.chronoshadow.schemas.registry.SchemaRegistry;
import io.chronoshadow.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent wire-format messages whose writer schema is an Avro record, returning it as a
 * {@link GenericRecord} read with the writer's schema. Failures are {@link WireFormatException}s.
 */
public class RegistryAvroDeserializer implements Deserializer<GenericRecord> {
  private RegistryAvroCodec codec;

  /** For Kafka's reflective instantiation; {@link #configure} must be called. */
  public RegistryAvroDeserializer() {}

  public RegistryAvroDeserializer(SchemaRegistry registry) {
    this.codec = new RegistryAvroCodec(registry);
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    // A registry given to the constructor wins; only otherwise is the URL needed.
    if (codec == null) {
      codec =
          new RegistryAvroCodec(new SchemaRegistryClient(RegistrySerdeConfig.registryUrl(configs)));
    }
  }

  @Override
  public GenericRecord deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    if (codec == null) {
      throw new IllegalStateException("RegistryAvroDeserializer is not configured");
    }
    RegistryAvroCodec.Decoded decoded = codec.decode(data);
    if (decoded.value() instanceof GenericRecord record) {
      return record;
    }
    throw new WireFormatException(
        WireFormatException.Reason.AVRO_DECODE_FAILURE,
        "Schema id "
            + decoded.schemaId()
            + " on topic "
            + topic
            + " is a "
            + decoded.writerSchema().getType()
            + ", not a record",
        decoded.schemaId(),
        null);
  }
}

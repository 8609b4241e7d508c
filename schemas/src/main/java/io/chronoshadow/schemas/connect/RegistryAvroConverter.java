package io.chronoshadow.schemas.connect;

import io.chronoshadow.schemas.registry.SchemaRegistry;
import io.chronoshadow.schemas.registry.SchemaRegistryClient;
import io.chronoshadow.schemas.registry.SchemaRegistryException;
import io.chronoshadow.schemas.wire.RegistryAvroCodec;
import io.chronoshadow.schemas.wire.RegistrySerdeConfig;
import io.chronoshadow.schemas.wire.SubjectNames;
import io.chronoshadow.schemas.wire.WireFormatException;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;

/**
 * A Kafka Connect converter writing Avro in the Confluent wire format through a
 * Confluent-compatible registry, subjects named {@code <topic>-key}/{@code <topic>-value}. Config:
 * {@code schema.registry.url} (required), {@code auto.register.schemas} (default true). Readable by
 * Confluent's AvroConverter and deserializers, and vice versa.
 */
public class RegistryAvroConverter implements Converter {
  private final ConnectAvroData avroData = new ConnectAvroData();
  private RegistryAvroCodec codec;
  private boolean autoRegister = true;
  private boolean isKey;

  /** For Connect's reflective instantiation; {@link #configure} must be called. */
  public RegistryAvroConverter() {}

  public RegistryAvroConverter(SchemaRegistry registry) {
    this.codec = new RegistryAvroCodec(registry);
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
  public byte[] fromConnectData(
      String topic, org.apache.kafka.connect.data.Schema schema, Object value) {
    if (value == null && (schema == null || schema.isOptional())) {
      return null;
    }
    if (schema == null) {
      throw new DataException(
          "RegistryAvroConverter needs a Connect schema; topic " + topic + " sent schemaless data");
    }
    Schema avro = avroData.toAvroSchema(schema);
    Object datum = avroData.toAvroValue(schema, value);
    String subject = SubjectNames.forTopic(topic, isKey);
    try {
      return configured().encode(subject, avro, datum, autoRegister);
    } catch (SchemaRegistryException | WireFormatException e) {
      throw new DataException(
          "Cannot write "
              + (isKey ? "key" : "value")
              + " of topic "
              + topic
              + ": "
              + e.getMessage(),
          e);
    }
  }

  @Override
  public SchemaAndValue toConnectData(String topic, byte[] value) {
    if (value == null) {
      return SchemaAndValue.NULL;
    }
    try {
      RegistryAvroCodec.Decoded decoded = configured().decode(value);
      return avroData.toConnectData(decoded.writerSchema(), decoded.value());
    } catch (WireFormatException e) {
      throw new DataException(
          "Cannot read " + (isKey ? "key" : "value") + " of topic " + topic + ": " + e.getMessage(),
          e);
    }
  }

  private RegistryAvroCodec configured() {
    if (codec == null) {
      throw new IllegalStateException("RegistryAvroConverter is not configured");
    }
    return codec;
  }
}

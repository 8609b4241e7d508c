package io.chronoshadow.schemas.wire;

import io.chronoshadow.schemas.registry.SchemaRegistry;
import io.chronoshadow.schemas.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro values to and from the Confluent wire format through a registry. Values are Avro's generic
 * representation without logical-type conversions (a {@code timestamp-millis} is a Long, a {@code
 * decimal} a ByteBuffer), which is what every Confluent-compatible reader expects to see written.
 * Generated {@link SpecificRecord}s hold converted values instead (an Instant for a {@code
 * timestamp-millis}); they are written with their class's own model, whose conversions turn them
 * back into the same bytes.
 */
public final class RegistryAvroCodec {
  private final SchemaRegistry registry;
  // One reader and writer per schema: building one resolves the schema, which cost more than
  // reading a small record. Avro's generic readers and writers may be shared between threads.
  private final Map<Schema, GenericDatumReader<Object>> readers = new ConcurrentHashMap<>();
  private final Map<Schema, GenericDatumWriter<Object>> writers = new ConcurrentHashMap<>();
  private final Map<Class<?>, SpecificDatumWriter<Object>> specificWriters =
      new ConcurrentHashMap<>();

  public RegistryAvroCodec(SchemaRegistry registry) {
    this.registry = registry;
  }

  public SchemaRegistry registry() {
    return registry;
  }

  /** A decoded message: the writer's id and schema and the value read with it. */
  public record Decoded(int schemaId, Schema writerSchema, Object value) {}

  /**
   * Encodes {@code value} with {@code schema}, registering the schema under {@code subject} first
   * when {@code autoRegister}, else requiring it to be registered already. Registry refusals (e.g.
   * an incompatible schema) surface as {@link SchemaRegistryException}.
   */
  public byte[] encode(String subject, Schema schema, Object value, boolean autoRegister) {
    int id = autoRegister ? registry.register(subject, schema) : registry.lookupId(subject, schema);
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    out.writeBytes(new byte[WireFormat.HEADER_LENGTH]);
    try {
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      writer(schema, value).write(value, encoder);
      encoder.flush();
    } catch (IOException | RuntimeException e) {
      throw new WireFormatException(
          WireFormatException.Reason.AVRO_ENCODE_FAILURE,
          "Value does not match Avro schema " + schema.getFullName() + " for " + subject + ": " + e,
          id,
          e);
    }
    byte[] message = out.toByteArray();
    message[0] = WireFormat.MAGIC_BYTE;
    message[1] = (byte) (id >>> 24);
    message[2] = (byte) (id >>> 16);
    message[3] = (byte) (id >>> 8);
    message[4] = (byte) id;
    return message;
  }

  private DatumWriter<Object> writer(Schema schema, Object value) {
    if (value instanceof SpecificRecord specific && specific.getSchema().equals(schema)) {
      return specificWriters.computeIfAbsent(
          value.getClass(), c -> new SpecificDatumWriter<>(schema, SpecificData.getForClass(c)));
    }
    return writers.computeIfAbsent(schema, w -> new GenericDatumWriter<>(w, GenericData.get()));
  }

  /** Decodes a wire-format message; every failure is a {@link WireFormatException}. */
  public Decoded decode(byte[] message) {
    WireFormat.Framed framed = WireFormat.unframe(message);
    Schema writer = writerSchema(framed.schemaId());
    try {
      BinaryDecoder decoder =
          DecoderFactory.get()
              .binaryDecoder(framed.bytes(), framed.payloadOffset(), framed.payloadLength(), null);
      Object value =
          readers
              .computeIfAbsent(writer, w -> new GenericDatumReader<>(w, w, GenericData.get()))
              .read(null, new BoundedDecoder(decoder));
      if (!decoder.isEnd()) {
        throw new IOException("trailing bytes after the value");
      }
      return new Decoded(framed.schemaId(), writer, value);
    } catch (IOException | RuntimeException e) {
      throw new WireFormatException(
          WireFormatException.Reason.AVRO_DECODE_FAILURE,
          "Avro payload does not decode with schema id "
              + framed.schemaId()
              + " ("
              + writer.getFullName()
              + "): "
              + e,
          framed.schemaId(),
          e);
    }
  }

  private Schema writerSchema(int schemaId) {
    try {
      return registry.schemaById(schemaId);
    } catch (SchemaRegistryException e) {
      if (e.isNotFound()) {
        throw new WireFormatException(
            WireFormatException.Reason.UNKNOWN_SCHEMA_ID,
            "Schema id " + schemaId + " is unknown to the registry: " + e.getMessage(),
            schemaId,
            e);
      }
      throw new WireFormatException(
          WireFormatException.Reason.REGISTRY_UNAVAILABLE,
          "Cannot fetch schema id " + schemaId + ": " + e.getMessage(),
          schemaId,
          e);
    }
  }
}

package io.chronoshadow.schemas.connect;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Converts Avro generic values (as read without logical-type conversions) into Connect values of
 * the schema {@link AvroToConnectSchema} made from the Avro schema.
 */
final class AvroToConnectValue {
  private AvroToConnectValue() {}

  static Object convert(Schema avro, org.apache.kafka.connect.data.Schema connect, Object value) {
    if (value == null) {
      return null;
    }
    Schema branch = avro;
    if (avro.getType() == Schema.Type.UNION) {
      branch = avro.getTypes().get(GenericData.get().resolveUnion(avro, value));
      if (branch.getType() == Schema.Type.NULL) {
        return null;
      }
    }
    try {
      return convertNonNull(branch, connect, value);
    } catch (ClassCastException e) {
      throw new DataException(
          "Avro value " + value.getClass().getName() + " does not fit " + branch.getType(), e);
    }
  }

  /**
   * Converts an Avro field default (Avro's Java form: Integer, String for bytes...) for Connect.
   */
  static Object convertDefault(
      org.apache.kafka.connect.data.Schema connect, Schema avro, Object avroDefault) {
    Object datum = avroDefault;
    if (avro.getType() == Schema.Type.BYTES && avroDefault instanceof byte[] bytes) {
      datum = ByteBuffer.wrap(bytes);
    }
    return convertNonNull(avro, connect, datum);
  }

  private static Object convertNonNull(
      Schema avro, org.apache.kafka.connect.data.Schema connect, Object value) {
    String logical = connect.name();
    return switch (connect.type()) {
      case INT8 -> ((Number) value).byteValue();
      case INT16 -> ((Number) value).shortValue();
      case INT32 -> {
        int raw = ((Number) value).intValue();
        if (Date.LOGICAL_NAME.equals(logical)) {
          yield Date.toLogical(connect, raw);
        }
        yield Time.LOGICAL_NAME.equals(logical) ? Time.toLogical(connect, raw) : raw;
      }
      case INT64 -> {
        long raw = ((Number) value).longValue();
        yield Timestamp.LOGICAL_NAME.equals(logical) ? Timestamp.toLogical(connect, raw) : raw;
      }
      case FLOAT32 -> ((Number) value).floatValue();
      case FLOAT64 -> ((Number) value).doubleValue();
      case BOOLEAN -> (Boolean) value;
      case STRING -> value.toString();
      case BYTES -> {
        byte[] bytes = bytesOf(value);
        yield Decimal.LOGICAL_NAME.equals(logical) ? Decimal.toLogical(connect, bytes) : bytes;
      }
      case ARRAY -> {
        List<Object> out = new ArrayList<>();
        for (Object element : (Collection<?>) value) {
          out.add(convert(avro.getElementType(), connect.valueSchema(), element));
        }
        yield out;
      }
      case MAP -> map(avro, connect, value);
      case STRUCT -> struct(avro, connect, (GenericRecord) value);
    };
  }

  private static Map<Object, Object> map(
      Schema avro, org.apache.kafka.connect.data.Schema connect, Object value) {
    Map<Object, Object> out = new LinkedHashMap<>();
    if (avro.getType() == Schema.Type.MAP) {
      for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
        out.put(
            entry.getKey().toString(),
            convert(avro.getValueType(), connect.valueSchema(), entry.getValue()));
      }
      return out;
    }
    Schema entrySchema = avro.getElementType();
    Schema keySchema = entrySchema.getField("key").schema();
    Schema valueSchema = entrySchema.getField("value").schema();
    for (Object element : (Collection<?>) value) {
      GenericRecord entry = (GenericRecord) element;
      out.put(
          convert(keySchema, connect.keySchema(), entry.get("key")),
          convert(valueSchema, connect.valueSchema(), entry.get("value")));
    }
    return out;
  }

  private static Struct struct(
      Schema avro, org.apache.kafka.connect.data.Schema connect, GenericRecord record) {
    Struct struct = new Struct(connect);
    List<Schema.Field> avroFields = avro.getFields();
    for (Field field : connect.fields()) {
      Schema.Field avroField = avroFields.get(field.index());
      struct.put(field, convert(avroField.schema(), field.schema(), record.get(avroField.pos())));
    }
    return struct;
  }

  private static byte[] bytesOf(Object value) {
    if (value instanceof byte[] bytes) {
      return bytes;
    }
    if (value instanceof GenericData.Fixed fixed) {
      return fixed.bytes().clone();
    }
    ByteBuffer buffer = ((ByteBuffer) value).duplicate();
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }
}

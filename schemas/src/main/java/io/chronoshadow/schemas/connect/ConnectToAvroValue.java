package io.chronoshadow.schemas.connect;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Converts Connect values to Avro generic values, walking the Connect schema and the Avro schema
 * {@link ConnectToAvroSchema} made from it side by side.
 */
final class ConnectToAvroValue {
  private ConnectToAvroValue() {}

  static Object convert(org.apache.kafka.connect.data.Schema connect, Schema avro, Object value) {
    if (value == null) {
      value = connect.defaultValue();
    }
    if (value == null) {
      if (!connect.isOptional()) {
        throw new DataException("Null value for required " + describe(connect));
      }
      return null;
    }
    Schema target = avro.getType() == Schema.Type.UNION ? nonNullBranch(avro) : avro;
    try {
      return convertNonNull(connect, target, value);
    } catch (ClassCastException e) {
      throw new DataException(
          "Value of " + value.getClass().getName() + " does not fit " + describe(connect), e);
    }
  }

  private static Object convertNonNull(
      org.apache.kafka.connect.data.Schema connect, Schema avro, Object value) {
    String logical = connect.name();
    return switch (connect.type()) {
      case INT8, INT16 -> ((Number) value).intValue();
      case INT32 -> {
        if (Date.LOGICAL_NAME.equals(logical)) {
          yield Date.fromLogical(connect, (java.util.Date) value);
        }
        if (Time.LOGICAL_NAME.equals(logical)) {
          yield Time.fromLogical(connect, (java.util.Date) value);
        }
        yield (Integer) value;
      }
      case INT64 ->
          Timestamp.LOGICAL_NAME.equals(logical)
              ? Timestamp.fromLogical(connect, (java.util.Date) value)
              : (Long) value;
      case FLOAT32 -> (Float) value;
      case FLOAT64 -> (Double) value;
      case BOOLEAN -> (Boolean) value;
      case STRING -> (String) value;
      case BYTES -> {
        if (Decimal.LOGICAL_NAME.equals(logical)) {
          yield ByteBuffer.wrap(Decimal.fromLogical(connect, (java.math.BigDecimal) value));
        }
        yield value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : (ByteBuffer) value;
      }
      case ARRAY -> {
        List<Object> out = new ArrayList<>();
        for (Object element : (Collection<?>) value) {
          out.add(convert(connect.valueSchema(), avro.getElementType(), element));
        }
        yield out;
      }
      case MAP -> map(connect, avro, (Map<?, ?>) value);
      case STRUCT -> record(connect, avro, (Struct) value);
    };
  }

  private static Object map(
      org.apache.kafka.connect.data.Schema connect, Schema avro, Map<?, ?> value) {
    if (avro.getType() == Schema.Type.MAP) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : value.entrySet()) {
        out.put(
            (String) entry.getKey(),
            convert(connect.valueSchema(), avro.getValueType(), entry.getValue()));
      }
      return out;
    }
    Schema entrySchema = avro.getElementType();
    List<Object> entries = new ArrayList<>();
    for (Map.Entry<?, ?> entry : value.entrySet()) {
      GenericData.Record record = new GenericData.Record(entrySchema);
      record.put(
          0, convert(connect.keySchema(), entrySchema.getFields().get(0).schema(), entry.getKey()));
      record.put(
          1,
          convert(
              connect.valueSchema(), entrySchema.getFields().get(1).schema(), entry.getValue()));
      entries.add(record);
    }
    return entries;
  }

  private static Object record(
      org.apache.kafka.connect.data.Schema connect, Schema avro, Struct struct) {
    if (struct.schema() != connect && !struct.schema().equals(connect)) {
      throw new DataException(
          "Struct of schema " + struct.schema().name() + " given for " + describe(connect));
    }
    GenericData.Record record = new GenericData.Record(avro);
    List<Schema.Field> avroFields = avro.getFields();
    for (Field field : connect.fields()) {
      Schema.Field avroField = avroFields.get(field.index());
      record.put(
          avroField.pos(),
          convert(field.schema(), avroField.schema(), struct.getWithoutDefault(field.name())));
    }
    return record;
  }

  private static Schema nonNullBranch(Schema union) {
    for (Schema branch : union.getTypes()) {
      if (branch.getType() != Schema.Type.NULL) {
        return branch;
      }
    }
    throw new DataException("Union without a non-null branch: " + union);
  }

  private static String describe(org.apache.kafka.connect.data.Schema connect) {
    return connect.type() + (connect.name() == null ? "" : " " + connect.name());
  }
}

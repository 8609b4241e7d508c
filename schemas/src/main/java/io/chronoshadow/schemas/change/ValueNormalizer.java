package io.chronoshadow.schemas.change;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * Turns Connect values (from Avro or from JSON with schemas) and schemaless JSON values into plain
 * Java values, so that later stages never see Connect or Avro types.
 *
 * <table>
 *   <caption>Mapping, by Connect logical name first, then by Connect type</caption>
 *   <tr><th>Connect / Debezium</th><th>Java</th></tr>
 *   <tr><td>{@code org.apache.kafka.connect.data.Timestamp}, {@code io.debezium.time.Timestamp}
 *       (epoch ms), {@code MicroTimestamp} (µs), {@code NanoTimestamp} (ns), {@code
 *       ZonedTimestamp} (ISO-8601 text)</td><td>{@link Instant}</td></tr>
 *   <tr><td>{@code org.apache.kafka.connect.data.Date}, {@code io.debezium.time.Date} (epoch
 *       days)</td><td>{@link LocalDate}</td></tr>
 *   <tr><td>{@code org.apache.kafka.connect.data.Time}, {@code io.debezium.time.Time} (ms of day),
 *       {@code MicroTime} (µs), {@code NanoTime} (ns)</td><td>{@link LocalTime}</td></tr>
 *   <tr><td>{@code org.apache.kafka.connect.data.Decimal}, {@code
 *       io.debezium.data.VariableScaleDecimal}</td><td>{@link BigDecimal}</td></tr>
 *   <tr><td>INT8, INT16, INT32 (incl. {@code io.debezium.time.Year})</td><td>Integer</td></tr>
 *   <tr><td>INT64 (incl. {@code io.debezium.time.MicroDuration})</td><td>Long</td></tr>
 *   <tr><td>FLOAT32, FLOAT64</td><td>Double</td></tr>
 *   <tr><td>BOOLEAN / STRING (incl. {@code ZonedTime}, Json, Uuid, Enum...)</td>
 *       <td>Boolean / String</td></tr>
 *   <tr><td>BYTES (incl. {@code io.debezium.data.Bits})</td><td>byte[]</td></tr>
 *   <tr><td>STRUCT / MAP / ARRAY</td><td>LinkedHashMap (field order) / LinkedHashMap /
 *       List</td></tr>
 *   <tr><td>schemaless JSON: integer / fraction / text / boolean / object / array</td>
 *       <td>Long (BigDecimal if beyond long) / Double / String / Boolean / LinkedHashMap /
 *       List</td></tr>
 * </table>
 *
 * <p>Schemaless JSON carries no logical types: its timestamps, dates and decimals stay the numbers
 * or strings Debezium wrote.
 */
public final class ValueNormalizer {
  private static final long MICROS_PER_SECOND = 1_000_000L;
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private ValueNormalizer() {}

  /** Normalizes a Connect value; {@code schema} null means schemaless (already Java types). */
  public static Object normalize(Schema schema, Object value) {
    if (value == null) {
      return null;
    }
    if (schema == null) {
      return normalizeSchemaless(value);
    }
    String name = schema.name();
    if (name != null) {
      Object logical = logical(name, value);
      if (logical != null) {
        return logical;
      }
    }
    return switch (schema.type()) {
      case INT8, INT16, INT32 -> ((Number) value).intValue();
      case INT64 -> ((Number) value).longValue();
      case FLOAT32, FLOAT64 -> ((Number) value).doubleValue();
      case BOOLEAN -> (Boolean) value;
      case STRING -> value.toString();
      case BYTES -> bytes(value);
      case ARRAY -> {
        List<Object> out = new ArrayList<>();
        for (Object element : (Collection<?>) value) {
          out.add(normalize(schema.valueSchema(), element));
        }
        yield out;
      }
      case MAP -> {
        Map<Object, Object> out = new LinkedHashMap<>();
        ((Map<?, ?>) value)
            .forEach(
                (k, v) ->
                    out.put(normalize(schema.keySchema(), k), normalize(schema.valueSchema(), v)));
        yield out;
      }
      case STRUCT -> struct((Struct) value);
    };
  }

  public static Map<String, Object> struct(Struct struct) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Field field : struct.schema().fields()) {
      out.put(field.name(), normalize(field.schema(), struct.get(field)));
    }
    return out;
  }

  /** The Java value of a named type, or null when the name is not one we convert specially. */
  private static Object logical(String name, Object value) {
    return switch (name) {
      case org.apache.kafka.connect.data.Timestamp.LOGICAL_NAME ->
          ((java.util.Date) value).toInstant();
      case org.apache.kafka.connect.data.Date.LOGICAL_NAME ->
          LocalDate.ofInstant(((java.util.Date) value).toInstant(), ZoneOffset.UTC);
      case org.apache.kafka.connect.data.Time.LOGICAL_NAME ->
          LocalTime.ofNanoOfDay(((java.util.Date) value).getTime() * 1_000_000L);
      case org.apache.kafka.connect.data.Decimal.LOGICAL_NAME -> (BigDecimal) value;
      case "io.debezium.time.Timestamp" -> Instant.ofEpochMilli(((Number) value).longValue());
      case "io.debezium.time.MicroTimestamp" -> micros(((Number) value).longValue());
      case "io.debezium.time.NanoTimestamp" -> nanos(((Number) value).longValue());
      case "io.debezium.time.ZonedTimestamp" -> zonedTimestamp(value.toString());
      case "io.debezium.time.Date" -> LocalDate.ofEpochDay(((Number) value).longValue());
      case "io.debezium.time.Time" ->
          LocalTime.ofNanoOfDay(((Number) value).longValue() * 1_000_000L);
      case "io.debezium.time.MicroTime" ->
          LocalTime.ofNanoOfDay(((Number) value).longValue() * 1_000L);
      case "io.debezium.time.NanoTime" -> LocalTime.ofNanoOfDay(((Number) value).longValue());
      case "io.debezium.data.VariableScaleDecimal" -> variableScaleDecimal(value);
      default -> null;
    };
  }

  private static Instant micros(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, MICROS_PER_SECOND), Math.floorMod(micros, MICROS_PER_SECOND) * 1_000);
  }

  private static Instant nanos(long nanos) {
    return Instant.ofEpochSecond(
        Math.floorDiv(nanos, NANOS_PER_SECOND), Math.floorMod(nanos, NANOS_PER_SECOND));
  }

  private static Instant zonedTimestamp(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new DecodeFailure(
          DecodeException.Reason.UNSUPPORTED_TYPE,
          "io.debezium.time.ZonedTimestamp value is not ISO-8601: " + text,
          e);
    }
  }

  private static BigDecimal variableScaleDecimal(Object value) {
    if (value instanceof Struct struct) {
      return new BigDecimal(new BigInteger(bytes(struct.get("value"))), struct.getInt32("scale"));
    }
    if (value instanceof Map<?, ?> map && map.get("scale") instanceof Number scale) {
      // Schemaless JSON: the unscaled value is base64 text.
      byte[] unscaled = java.util.Base64.getDecoder().decode(map.get("value").toString());
      return new BigDecimal(new BigInteger(unscaled), scale.intValue());
    }
    throw new DecodeFailure(
        DecodeException.Reason.UNSUPPORTED_TYPE,
        "io.debezium.data.VariableScaleDecimal of unexpected form " + value.getClass().getName());
  }

  private static byte[] bytes(Object value) {
    if (value instanceof byte[] bytes) {
      return bytes;
    }
    if (value instanceof ByteBuffer buffer) {
      ByteBuffer copy = buffer.duplicate();
      byte[] bytes = new byte[copy.remaining()];
      copy.get(bytes);
      return bytes;
    }
    throw new DecodeFailure(
        DecodeException.Reason.UNSUPPORTED_TYPE,
        "Expected bytes, got " + value.getClass().getName());
  }

  private static Object normalizeSchemaless(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(k, v == null ? null : normalizeSchemaless(v)));
      return out;
    }
    if (value instanceof Collection<?> list) {
      List<Object> out = new ArrayList<>();
      for (Object element : list) {
        out.add(element == null ? null : normalizeSchemaless(element));
      }
      return out;
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    if (value instanceof Byte || value instanceof Short) {
      return ((Number) value).intValue();
    }
    if (value instanceof ByteBuffer buffer) {
      return bytes(buffer);
    }
    return value;
  }
}

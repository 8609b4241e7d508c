package io.chronoshadow.shadow.commit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Turns a change's column map into an Iceberg record of a table schema, coercing the few
 * representations that are unambiguous (narrower integers, Instant for timestamptz, byte[]) and
 * rejecting everything else with a message naming table, column and value type.
 */
public final class RecordConverter {

  private final String table;
  private final Types.StructType struct;
  private final List<Types.NestedField> fields;

  public RecordConverter(String table, Schema schema) {
    this.table = table;
    this.struct = schema.asStruct();
    this.fields = schema.columns();
  }

  public Record toRecord(Map<String, Object> values) {
    GenericRecord record = GenericRecord.create(struct);
    int present = 0;
    // Positional sets and one lookup per column: this runs once per changed row.
    for (int pos = 0; pos < fields.size(); pos++) {
      Types.NestedField field = fields.get(pos);
      Object value = values.get(field.name());
      if (value == null) {
        if (values.containsKey(field.name())) {
          present++;
        }
        if (field.isRequired()) {
          throw new IllegalArgumentException(
              "table " + table + ": column " + field.name() + " is required but missing or null");
        }
        continue;
      }
      present++;
      record.set(pos, coerce(table, field, value));
    }
    if (present < values.size()) {
      Set<String> unknown = new TreeSet<>(values.keySet());
      fields.forEach(f -> unknown.remove(f.name()));
      throw new IllegalArgumentException(
          "table "
              + table
              + ": unknown column "
              + String.join(", ", unknown)
              + " (columns "
              + fields.stream().map(Types.NestedField::name).toList()
              + ")");
    }
    return record;
  }

  /** One value for one column, coerced as {@link #toRecord} does. */
  public static Object coerce(String table, Types.NestedField field, Object value) {
    Type type = field.type();
    Object coerced =
        switch (type.typeId()) {
          case BOOLEAN -> value instanceof Boolean ? value : null;
          case INTEGER ->
              value instanceof Integer || value instanceof Short || value instanceof Byte
                  ? ((Number) value).intValue()
                  : null;
          case LONG ->
              value instanceof Long
                      || value instanceof Integer
                      || value instanceof Short
                      || value instanceof Byte
                  ? ((Number) value).longValue()
                  : null;
          case FLOAT -> value instanceof Float ? value : null;
          case DOUBLE ->
              value instanceof Double || value instanceof Float
                  ? ((Number) value).doubleValue()
                  : null;
          case DECIMAL -> value instanceof BigDecimal d ? decimal(table, field, d) : null;
          case STRING -> value instanceof CharSequence s ? s.toString() : null;
          case BINARY ->
              value instanceof ByteBuffer b
                  ? b
                  : value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : null;
          case DATE -> value instanceof LocalDate ? value : null;
          case TIME -> value instanceof LocalTime ? value : null;
          case TIMESTAMP -> timestamp((Types.TimestampType) type, value);
          default -> null;
        };
    if (coerced == null) {
      throw new IllegalArgumentException(
          "table "
              + table
              + ": column "
              + field.name()
              + " of type "
              + type
              + " cannot hold a "
              + value.getClass().getSimpleName()
              + " ("
              + value
              + ")");
    }
    return coerced;
  }

  private static Object decimal(String table, Types.NestedField field, BigDecimal value) {
    Types.DecimalType type = (Types.DecimalType) field.type();
    BigDecimal scaled;
    try {
      // Only lossless rescaling (e.g. 1.5 → 1.50): rounding would silently change data.
      scaled = value.setScale(type.scale(), RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "table " + table + ": column " + field.name() + " " + type + " cannot hold " + value);
    }
    if (scaled.precision() > type.precision()) {
      throw new IllegalArgumentException(
          "table " + table + ": column " + field.name() + " " + type + " cannot hold " + value);
    }
    return scaled;
  }

  private static Object timestamp(Types.TimestampType type, Object value) {
    if (type.shouldAdjustToUTC()) {
      if (value instanceof OffsetDateTime t) {
        return t.withOffsetSameInstant(ZoneOffset.UTC);
      }
      if (value instanceof Instant t) {
        return t.atOffset(ZoneOffset.UTC);
      }
      if (value instanceof ZonedDateTime t) {
        return t.toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
      }
      return null;
    }
    return value instanceof LocalDateTime ? value : null;
  }
}

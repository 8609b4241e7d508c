package io.chronoshadow.shadow.table;

import java.util.Map;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * A source column's type, as far as shadows care. Decimal carries precision and scale; the other
 * kinds carry none.
 */
public record ColumnType(Kind kind, int precision, int scale) {

  public enum Kind {
    BOOLEAN,
    INT,
    LONG,
    FLOAT,
    DOUBLE,
    DECIMAL,
    STRING,
    BYTES,
    DATE,
    TIME,
    /** Timestamp without time zone (a local date-time). */
    TIMESTAMP,
    /** Timestamp with time zone (an instant). */
    TIMESTAMPTZ
  }

  // Iceberg's (and Parquet's) decimal limit.
  public static final int MAX_DECIMAL_PRECISION = 38;

  public ColumnType {
    if (kind == null) {
      throw new IllegalArgumentException("column type kind is required");
    }
    if (kind == Kind.DECIMAL) {
      if (precision < 1 || precision > MAX_DECIMAL_PRECISION) {
        throw new IllegalArgumentException(
            "decimal precision must be 1.." + MAX_DECIMAL_PRECISION + " (was " + precision + ")");
      }
      if (scale < 0 || scale > precision) {
        throw new IllegalArgumentException(
            "decimal scale must be 0..precision (was "
                + scale
                + " for precision "
                + precision
                + ")");
      }
    } else if (precision != 0 || scale != 0) {
      throw new IllegalArgumentException(kind + " takes no precision or scale");
    }
  }

  public static ColumnType of(Kind kind) {
    return new ColumnType(kind, 0, 0);
  }

  public static ColumnType decimal(int precision, int scale) {
    return new ColumnType(Kind.DECIMAL, precision, scale);
  }

  /**
   * Maps a Kafka Connect schema type (as Debezium emits it) to a column type.
   *
   * @param connectType Connect's primitive type name: {@code int8 int16 int32 int64 float32 float64
   *     boolean string bytes}
   * @param logicalName the Connect/Debezium schema name, or null
   * @param parameters the Connect schema parameters (decimal {@code scale} and {@code
   *     connect.decimal.precision})
   */
  public static ColumnType fromConnect(
      String connectType, String logicalName, Map<String, String> parameters) {
    if (logicalName != null) {
      switch (logicalName) {
        case "org.apache.kafka.connect.data.Decimal":
          return connectDecimal(parameters);
        case "org.apache.kafka.connect.data.Date", "io.debezium.time.Date":
          return of(Kind.DATE);
        case "org.apache.kafka.connect.data.Time",
        "io.debezium.time.Time",
        "io.debezium.time.MicroTime",
        "io.debezium.time.NanoTime":
          return of(Kind.TIME);
        case "org.apache.kafka.connect.data.Timestamp",
        "io.debezium.time.Timestamp",
        "io.debezium.time.MicroTimestamp",
        "io.debezium.time.NanoTimestamp":
          return of(Kind.TIMESTAMP);
        case "io.debezium.time.ZonedTimestamp":
          return of(Kind.TIMESTAMPTZ);
        case "io.debezium.data.VariableScaleDecimal":
          throw new IllegalArgumentException(
              "io.debezium.data.VariableScaleDecimal has no fixed scale: configure Debezium with"
                  + " decimal.handling.mode=precise and a declared numeric(p,s), or =string");
        default:
          // Other logical types (Uuid, Json, Enum, Xml, ...) are carried by their base type.
          break;
      }
    }
    if (connectType == null) {
      throw new IllegalArgumentException("connect type is required");
    }
    return switch (connectType) {
      case "int8", "int16", "int32" -> of(Kind.INT);
      case "int64" -> of(Kind.LONG);
      case "float32" -> of(Kind.FLOAT);
      case "float64" -> of(Kind.DOUBLE);
      case "boolean" -> of(Kind.BOOLEAN);
      case "string" -> of(Kind.STRING);
      case "bytes" -> of(Kind.BYTES);
      default ->
          throw new IllegalArgumentException(
              "unsupported connect type '"
                  + connectType
                  + "'"
                  + (logicalName == null ? "" : " (" + logicalName + ")"));
    };
  }

  private static ColumnType connectDecimal(Map<String, String> parameters) {
    Map<String, String> params = parameters == null ? Map.of() : parameters;
    String scale = params.get("scale");
    if (scale == null) {
      throw new IllegalArgumentException("decimal without a 'scale' parameter");
    }
    // Debezium sets connect.decimal.precision for numeric(p,s); without it the precision is
    // unbounded in the source and the widest Iceberg decimal is the only safe choice.
    String precision = params.get("connect.decimal.precision");
    return decimal(
        precision == null ? MAX_DECIMAL_PRECISION : Integer.parseInt(precision),
        Integer.parseInt(scale));
  }

  public Type toIceberg() {
    return switch (kind) {
      case BOOLEAN -> Types.BooleanType.get();
      case INT -> Types.IntegerType.get();
      case LONG -> Types.LongType.get();
      case FLOAT -> Types.FloatType.get();
      case DOUBLE -> Types.DoubleType.get();
      case DECIMAL -> Types.DecimalType.of(precision, scale);
      case STRING -> Types.StringType.get();
      case BYTES -> Types.BinaryType.get();
      case DATE -> Types.DateType.get();
      case TIME -> Types.TimeType.get();
      case TIMESTAMP -> Types.TimestampType.withoutZone();
      case TIMESTAMPTZ -> Types.TimestampType.withZone();
    };
  }

  @Override
  public String toString() {
    return kind == Kind.DECIMAL
        ? "decimal(" + precision + "," + scale + ")"
        : kind.name().toLowerCase(java.util.Locale.ROOT);
  }
}

package io.chronoshadow.console.query;

import io.chronoshadow.console.http.ApiError;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Text from a URL turned into the Java value Iceberg's generic records hold for a column (Long for
 * bigint, LocalDate for date, OffsetDateTime for timestamptz…), so that filters, cursors and keys
 * compare exactly with the rows read; and back into a literal Iceberg's expressions accept.
 */
final class ColumnValues {

  private ColumnValues() {}

  /**
   * @param parameter the request parameter the text came from (named in the error)
   */
  static Object parse(Types.NestedField column, String text, String parameter) {
    Type type = column.type();
    try {
      return switch (type.typeId()) {
        case BOOLEAN -> parseBoolean(text);
        case INTEGER -> Integer.parseInt(text.trim());
        case LONG -> Long.parseLong(text.trim());
        case FLOAT -> Float.parseFloat(text.trim());
        case DOUBLE -> Double.parseDouble(text.trim());
        case DECIMAL -> decimal(column, text.trim(), parameter);
        case STRING -> text;
        case DATE -> LocalDate.parse(text.trim());
        case TIME -> LocalTime.parse(text.trim());
        case TIMESTAMP ->
            ((Types.TimestampType) type).shouldAdjustToUTC()
                ? OffsetDateTime.parse(text.trim())
                : LocalDateTime.parse(text.trim());
        case UUID -> UUID.fromString(text.trim());
        case BINARY, FIXED -> ByteBuffer.wrap(Base64.getDecoder().decode(text.trim()));
        default ->
            throw ApiError.badRequest(
                parameter,
                "column " + column.name() + " has type " + type + ", which cannot be filtered on");
      };
    } catch (NumberFormatException | DateTimeParseException e) {
      throw ApiError.badRequest(
          parameter,
          parameter
              + ": '"
              + text
              + "' is not a "
              + type
              + " value for column "
              + column.name()
              + example(type));
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(
          parameter,
          parameter + ": '" + text + "' is not a " + type + " value for column " + column.name());
    }
  }

  /** A decimal at the column's scale (12.5 → 12.50), refused if that would round it. */
  private static BigDecimal decimal(Types.NestedField column, String text, String parameter) {
    int scale = ((Types.DecimalType) column.type()).scale();
    try {
      return new BigDecimal(text).setScale(scale);
    } catch (ArithmeticException e) {
      throw ApiError.badRequest(
          parameter,
          parameter
              + ": '"
              + text
              + "' has more than "
              + scale
              + " decimal places, the scale of column "
              + column.name());
    }
  }

  /** The value as Iceberg expressions take it (temporal values as their ISO text). */
  static Object literal(Object value) {
    if (value instanceof LocalDate
        || value instanceof LocalTime
        || value instanceof LocalDateTime
        || value instanceof OffsetDateTime) {
      return value.toString();
    }
    return value;
  }

  private static Boolean parseBoolean(String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("not a boolean");
    };
  }

  private static String example(Type type) {
    return switch (type.typeId()) {
      case DATE -> " (e.g. 2026-01-31)";
      case TIMESTAMP ->
          ((Types.TimestampType) type).shouldAdjustToUTC()
              ? " (e.g. 2026-01-31T10:00:00Z)"
              : " (e.g. 2026-01-31T10:00:00)";
      case DECIMAL -> " (e.g. 12.50)";
      default -> "";
    };
  }
}

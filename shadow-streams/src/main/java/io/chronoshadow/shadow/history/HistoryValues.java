package io.chronoshadow.shadow.history;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Canonical text of column values in the change history: decimals as plain text in the source's
 * scale, instants as ISO-8601 UTC, dates and times ISO-8601, binary as base64, everything else its
 * {@code toString}. A null value stays null.
 */
public final class HistoryValues {

  private HistoryValues() {}

  public static String text(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (value instanceof OffsetDateTime t) {
      return t.toInstant().toString();
    }
    if (value instanceof Instant t) {
      return t.toString();
    }
    if (value instanceof byte[] b) {
      return Base64.getEncoder().encodeToString(b);
    }
    if (value instanceof ByteBuffer b) {
      byte[] copy = new byte[b.remaining()];
      b.duplicate().get(copy);
      return Base64.getEncoder().encodeToString(copy);
    }
    return value.toString();
  }

  /** Every value of a row as text, in column order; null for a null row. */
  public static Map<String, String> texts(Map<String, Object> row) {
    if (row == null) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    row.forEach((column, value) -> out.put(column, text(value)));
    return out;
  }
}

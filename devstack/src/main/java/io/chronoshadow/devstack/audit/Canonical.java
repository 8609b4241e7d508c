package io.chronoshadow.devstack.audit;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One text form for values that reach an oracle from three places — JDBC (the source and its {@link
 * SourceAudit}), decoded change events, Iceberg rows — so that rows can be compared as maps of
 * strings.
 */
public final class Canonical {

  private Canonical() {}

  public static String value(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof OffsetDateTime t) {
      return t.toInstant().toString();
    }
    if (v instanceof Instant t) {
      return t.toString();
    }
    if (v instanceof java.sql.Timestamp t) {
      return t.toInstant().toString();
    }
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate().toString();
    }
    if (v instanceof BigDecimal d) {
      return d.stripTrailingZeros().toPlainString();
    }
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      return Long.toString(((Number) v).longValue());
    }
    if (v instanceof Float || v instanceof Double) {
      return Double.toString(((Number) v).doubleValue());
    }
    if (v instanceof byte[] b) {
      return Arrays.toString(b);
    }
    if (v instanceof ByteBuffer b) {
      byte[] copy = new byte[b.remaining()];
      b.duplicate().get(copy);
      return Arrays.toString(copy);
    }
    return v.toString();
  }

  public static Map<String, String> row(Map<String, Object> row) {
    Map<String, String> out = new TreeMap<>();
    row.forEach((k, v) -> out.put(k, value(v)));
    return out;
  }

  public static String key(Map<String, ?> row, List<String> keyColumns) {
    StringBuilder key = new StringBuilder();
    for (String column : keyColumns) {
      Object v = row.get(column);
      key.append(column).append('=').append(v instanceof String s ? s : value(v)).append(';');
    }
    return key.toString();
  }
}

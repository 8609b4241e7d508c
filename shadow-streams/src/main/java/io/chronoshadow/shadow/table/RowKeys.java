package io.chronoshadow.shadow.table;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Map;

/**
 * Canonical text of a primary key, used to stage one net change per key. Built from the decoded key
 * values rather than the key bytes, which also carry a registry schema id that may change while the
 * key does not.
 */
public final class RowKeys {

  private RowKeys() {}

  /** Throws IllegalArgumentException for an empty key: a table without one cannot be shadowed. */
  public static String canonical(Map<String, Object> key) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("change event without a primary key");
    }
    StringBuilder text = new StringBuilder();
    // Length-prefixed values: no separator inside a text key can make two keys look alike.
    key.forEach(
        (column, value) -> {
          String v = valueText(value);
          text.append(column).append('=').append(v.length()).append(':').append(v).append(';');
        });
    return text.toString();
  }

  private static String valueText(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof BigDecimal d) {
      // 1.0 and 1.00 are the same key value.
      return d.stripTrailingZeros().toPlainString();
    }
    if (value instanceof byte[] b) {
      return Arrays.toString(b);
    }
    return value.toString();
  }
}

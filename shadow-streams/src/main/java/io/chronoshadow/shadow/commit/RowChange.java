package io.chronoshadow.shadow.commit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One source row change, in source order. An upsert carries the full after-image (insert, update,
 * or an initial-snapshot read); a delete carries at least the primary key columns.
 *
 * <p>Values are Java values of the Iceberg generic data model: Integer, Long, Float, Double,
 * BigDecimal, String, ByteBuffer or byte[], Boolean, LocalDate, LocalTime, LocalDateTime
 * (timestamp), OffsetDateTime or Instant (timestamptz). Integers widen to long columns.
 */
public sealed interface RowChange permits RowChange.Upsert, RowChange.Delete {

  Map<String, Object> values();

  static Upsert upsert(Map<String, Object> after) {
    return new Upsert(after);
  }

  static Delete delete(Map<String, Object> key) {
    return new Delete(key);
  }

  record Upsert(Map<String, Object> values) implements RowChange {
    public Upsert {
      // Copy, but allow null values (Map.copyOf does not).
      values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
  }

  record Delete(Map<String, Object> values) implements RowChange {
    public Delete {
      values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
  }
}

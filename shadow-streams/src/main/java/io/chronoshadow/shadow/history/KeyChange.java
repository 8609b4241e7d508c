package io.chronoshadow.shadow.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one shadow did to one key of one source table: its net effect over the shadow's changes of
 * that key. Values are canonical text ({@link HistoryValues}), so that one history table serves
 * every source table and survives their schema changes.
 *
 * @param sourceTable {@code schema.table} as captured
 * @param op the net effect; a key inserted and deleted within one shadow has none (no entry)
 * @param rowKey canonical text of the primary key (as the topology stages it)
 * @param key the primary key columns
 * @param before the row at the previous shadow; null for inserts and snapshot rows, and when the
 *     source does not report before-images (PostgreSQL without {@code REPLICA IDENTITY FULL})
 * @param after the row at this shadow; null for deletes
 * @param changedColumns for updates with a before-image, the columns whose value differs (possibly
 *     none: changed and changed back); null otherwise
 * @param events change events of the key in the shadow
 * @param lastCommitTime commit time of the key's last change in the shadow
 */
public record KeyChange(
    String sourceTable,
    ChangeOp op,
    String rowKey,
    Map<String, String> key,
    Map<String, String> before,
    Map<String, String> after,
    List<String> changedColumns,
    int events,
    Instant lastCommitTime) {

  public KeyChange {
    Objects.requireNonNull(sourceTable, "sourceTable");
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(rowKey, "rowKey");
    Objects.requireNonNull(lastCommitTime, "lastCommitTime");
    key = copy(key);
    before = before == null ? null : copy(before);
    after = after == null ? null : copy(after);
    changedColumns = changedColumns == null ? null : List.copyOf(changedColumns);
  }

  private static Map<String, String> copy(Map<String, String> values) {
    // Values may be null (a null column); Map.copyOf does not allow that.
    return Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** The net effect of a shadow on a key. */
  public enum ChangeOp {
    /** A row of the source's initial snapshot (the baseline shadow). */
    SNAPSHOT,
    INSERT,
    UPDATE,
    DELETE;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static ChangeOp ofCode(String code) {
      return valueOf(code.toUpperCase(Locale.ROOT));
    }
  }

  /**
   * The net entry of a key whose first change in the shadow had Debezium op {@code firstOp} and
   * last change {@code lastOp}; empty when the key did not exist before and does not after.
   *
   * @param before the before-image of the first change (the row at the previous shadow)
   * @param after the after-image of the last change
   */
  public static Optional<KeyChange> net(
      String sourceTable,
      String firstOp,
      String lastOp,
      String rowKey,
      Map<String, Object> key,
      Map<String, Object> before,
      Map<String, Object> after,
      int events,
      Instant lastCommitTime) {
    boolean existedBefore = "u".equals(firstOp) || "d".equals(firstOp);
    boolean existsAfter = !"d".equals(lastOp);
    ChangeOp op;
    if (!existedBefore && !existsAfter) {
      return Optional.empty();
    } else if (!existedBefore) {
      op = "r".equals(firstOp) ? ChangeOp.SNAPSHOT : ChangeOp.INSERT;
    } else {
      op = existsAfter ? ChangeOp.UPDATE : ChangeOp.DELETE;
    }
    Map<String, String> beforeText = existedBefore ? HistoryValues.texts(before) : null;
    Map<String, String> afterText = existsAfter ? HistoryValues.texts(after) : null;
    List<String> changed = null;
    if (op == ChangeOp.UPDATE && beforeText != null) {
      changed = new ArrayList<>();
      for (Map.Entry<String, String> e : afterText.entrySet()) {
        if (!beforeText.containsKey(e.getKey())
            || !Objects.equals(beforeText.get(e.getKey()), e.getValue())) {
          changed.add(e.getKey());
        }
      }
    }
    return Optional.of(
        new KeyChange(
            sourceTable,
            op,
            rowKey,
            HistoryValues.texts(key),
            beforeText,
            afterText,
            changed,
            events,
            lastCommitTime));
  }
}

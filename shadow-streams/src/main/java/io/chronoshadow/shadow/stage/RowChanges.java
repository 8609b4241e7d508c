package io.chronoshadow.shadow.stage;

import io.chronoshadow.schemas.change.ChangeEvent;
import io.chronoshadow.schemas.change.Op;
import io.chronoshadow.shadow.commit.RowChange;
import io.chronoshadow.shadow.table.SourceColumn;
import io.chronoshadow.shadow.table.SourceTableSchema;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a decoded change event into the committer's {@link RowChange}, bridging the two value
 * models: the decoder widens every floating-point value to Double and every timestamp to an
 * Instant, while a {@code float} column wants a Float and a timestamp without time zone a local
 * date-time (Debezium's local timestamps are epoch-based, i.e. UTC).
 */
public final class RowChanges {

  private RowChanges() {}

  public static RowChange of(ChangeEvent event, SourceTableSchema schema) {
    Map<String, SourceColumn> columns = schema.byName();
    if (event.op() == Op.DELETE) {
      return RowChange.delete(adapt(event.key(), columns));
    }
    if (event.after() == null) {
      throw new IllegalArgumentException(
          "op " + event.op().code() + " of " + event.sourceTable() + " without an after-image");
    }
    return RowChange.upsert(adapt(event.after(), columns));
  }

  private static Map<String, Object> adapt(
      Map<String, Object> values, Map<String, SourceColumn> columns) {
    Map<String, Object> out = new LinkedHashMap<>();
    values.forEach(
        (name, value) -> {
          SourceColumn column = columns.get(name);
          out.put(name, column == null ? value : adapt(column, value));
        });
    return out;
  }

  private static Object adapt(SourceColumn column, Object value) {
    if (value == null) {
      return null;
    }
    return switch (column.type().kind()) {
      case FLOAT -> value instanceof Number n ? n.floatValue() : value;
      case TIMESTAMP ->
          value instanceof Instant t ? LocalDateTime.ofInstant(t, ZoneOffset.UTC) : value;
      default -> value;
    };
  }
}

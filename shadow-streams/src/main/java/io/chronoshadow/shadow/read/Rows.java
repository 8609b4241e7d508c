package io.chronoshadow.shadow.read;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;

/** Records as plain column maps, projection and in-memory equality filtering. */
final class Rows {

  private Rows() {}

  static Map<String, Object> toMap(Record record, Schema schema) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (Types.NestedField field : schema.columns()) {
      row.put(field.name(), record.getField(field.name()));
    }
    return row;
  }

  static boolean matches(Map<String, Object> row, Map<String, Object> equalTo) {
    for (Map.Entry<String, Object> e : equalTo.entrySet()) {
      if (!Objects.equals(row.get(e.getKey()), e.getValue())) {
        return false;
      }
    }
    return true;
  }

  static Map<String, Object> project(Map<String, Object> row, List<String> columns) {
    if (columns.isEmpty()) {
      return row;
    }
    Map<String, Object> projected = new LinkedHashMap<>();
    columns.forEach(c -> projected.put(c, row.get(c)));
    return projected;
  }
}

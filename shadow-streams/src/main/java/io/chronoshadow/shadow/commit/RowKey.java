package io.chronoshadow.shadow.commit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.data.Record;

/** A primary key value: the key columns' values in key order. */
public record RowKey(List<Object> values) {

  public RowKey {
    values = Collections.unmodifiableList(Arrays.asList(values.toArray()));
  }

  public static RowKey of(Record record, List<String> keyColumns) {
    List<Object> values = new ArrayList<>(keyColumns.size());
    for (String column : keyColumns) {
      values.add(record.getField(column));
    }
    return new RowKey(values);
  }

  public static RowKey of(Map<String, Object> row, List<String> keyColumns) {
    List<Object> values = new ArrayList<>(keyColumns.size());
    for (String column : keyColumns) {
      values.add(row.get(column));
    }
    return new RowKey(values);
  }
}

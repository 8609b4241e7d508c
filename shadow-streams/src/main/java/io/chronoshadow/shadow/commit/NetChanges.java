package io.chronoshadow.shadow.commit;

import io.chronoshadow.shadow.table.IcebergSchemas;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;

/**
 * Collapses a table's changes in source order to their net effect per key: the last after-image, or
 * deleted. A shadow stores only this net effect — intermediate states inside one shadow are not
 * part of any shadow.
 */
final class NetChanges {

  /**
   * The net effect on one key: the after-image, or (when the key ends deleted) a key-only record.
   */
  record Net(Record after, Record deletedKey) {
    boolean deleted() {
      return after == null;
    }
  }

  private final Schema schema;
  private final Schema keySchema;
  private final int[] keyPositions;

  private NetChanges(Schema schema) {
    this.schema = schema;
    List<String> keyColumns = IcebergSchemas.keyColumns(schema);
    this.keySchema = schema.select(keyColumns);
    this.keyPositions = new int[keyColumns.size()];
    for (int i = 0; i < keyPositions.length; i++) {
      keyPositions[i] = schema.columns().indexOf(schema.findField(keyColumns.get(i)));
    }
  }

  static NetChanges forSchema(Schema schema) {
    return new NetChanges(schema);
  }

  Schema keySchema() {
    return keySchema;
  }

  /** Copies the key columns of a net change into {@code target} (a record of the key schema). */
  void keyOf(Net net, Record target) {
    if (net.deleted()) {
      for (int i = 0; i < keyPositions.length; i++) {
        target.set(i, net.deletedKey().get(i));
      }
    } else {
      for (int i = 0; i < keyPositions.length; i++) {
        target.set(i, net.after().get(keyPositions[i]));
      }
    }
  }

  Collection<Net> collapse(String table, List<RowChange> changes) {
    RecordConverter rows = new RecordConverter(table, schema);
    RecordConverter keys = new RecordConverter(table, keySchema);
    List<String> keyColumns = keySchema.columns().stream().map(f -> f.name()).toList();
    // Keyed by the key value itself for single-column keys (no per-change key object), else by an
    // immutable list of the values. Key columns are required, so values are never null.
    Map<Object, Net> net = new HashMap<>(Math.max(16, changes.size() * 4 / 3 + 1));
    for (RowChange change : changes) {
      if (change instanceof RowChange.Upsert) {
        Record after = rows.toRecord(change.values());
        net.put(mapKey(after, keyPositions), new Net(after, null));
      } else {
        Record key = keys.toRecord(keyValues(table, keyColumns, change.values()));
        net.put(mapKey(key, null), new Net(null, key));
      }
    }
    return net.values();
  }

  private static Object mapKey(Record record, int[] positions) {
    int n = positions == null ? record.size() : positions.length;
    if (n == 1) {
      return record.get(positions == null ? 0 : positions[0]);
    }
    Object[] values = new Object[n];
    for (int i = 0; i < n; i++) {
      values[i] = record.get(positions == null ? i : positions[i]);
    }
    return List.of(values);
  }

  private static Map<String, Object> keyValues(
      String table, List<String> keyColumns, Map<String, Object> values) {
    Map<String, Object> key = new HashMap<>();
    for (String column : keyColumns) {
      Object value = values.get(column);
      if (value == null) {
        throw new IllegalArgumentException(
            "table " + table + ": change without a value for key column " + column);
      }
      key.put(column, value);
    }
    return key;
  }

  /** A record of the key schema, for callers that write keys one at a time. */
  Record newKeyRecord() {
    return GenericRecord.create(keySchema);
  }
}

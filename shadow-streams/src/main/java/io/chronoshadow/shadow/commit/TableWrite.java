package io.chronoshadow.shadow.commit;

import io.chronoshadow.shadow.table.SourceTableSchema;
import java.util.List;

/**
 * One table's part of a shadow: the table's Iceberg name inside the group (see {@link
 * io.chronoshadow.shadow.table.ShadowTableName}), the source schema the changes were captured with,
 * and the changes in source order (possibly none: the table is then only tagged).
 */
public record TableWrite(String table, SourceTableSchema schema, List<RowChange> changes) {

  public TableWrite {
    if (table == null || table.isBlank()) {
      throw new IllegalArgumentException("table is required");
    }
    if (schema == null) {
      throw new IllegalArgumentException("table " + table + ": schema is required");
    }
    changes = List.copyOf(changes);
  }
}

package io.chronoshadow.shadow.table;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The columns of a source table, in order, and its primary key (one or more columns, in key order).
 * Key columns must be non-null and of a type Iceberg accepts as an identifier field (not float or
 * double).
 */
public record SourceTableSchema(List<SourceColumn> columns, List<String> primaryKey) {

  public SourceTableSchema {
    columns = List.copyOf(columns);
    primaryKey = List.copyOf(primaryKey);
    List<String> problems = new ArrayList<>();
    if (columns.isEmpty()) {
      problems.add("a table needs at least one column");
    }
    Set<String> names = new HashSet<>();
    for (SourceColumn c : columns) {
      if (!names.add(c.name())) {
        problems.add("duplicate column " + c.name());
      }
    }
    if (primaryKey.isEmpty()) {
      problems.add("a primary key is required (shadows are keyed by it)");
    }
    Set<String> keyNames = new HashSet<>();
    for (String k : primaryKey) {
      if (!keyNames.add(k)) {
        problems.add("primary key column " + k + " listed twice");
      }
      Optional<SourceColumn> column = columns.stream().filter(c -> c.name().equals(k)).findFirst();
      if (column.isEmpty()) {
        problems.add("primary key column " + k + " is not a column");
      } else if (column.get().nullable()) {
        problems.add("primary key column " + k + " must not be nullable");
      } else if (column.get().type().kind() == ColumnType.Kind.FLOAT
          || column.get().type().kind() == ColumnType.Kind.DOUBLE) {
        problems.add(
            "primary key column "
                + k
                + " is "
                + column.get().type()
                + ": Iceberg identifier fields cannot be floating point");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid table schema: " + String.join("; ", problems));
    }
  }

  public Map<String, SourceColumn> byName() {
    Map<String, SourceColumn> byName = new LinkedHashMap<>();
    columns.forEach(c -> byName.put(c.name(), c));
    return byName;
  }
}

package io.chronoshadow.shadow.table;

/** One column of a source table. */
public record SourceColumn(String name, ColumnType type, boolean nullable) {

  public SourceColumn {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("column name is required");
    }
    if (type == null) {
      throw new IllegalArgumentException("column " + name + ": type is required");
    }
  }

  public static SourceColumn required(String name, ColumnType type) {
    return new SourceColumn(name, type, false);
  }

  public static SourceColumn optional(String name, ColumnType type) {
    return new SourceColumn(name, type, true);
  }
}

package io.chronoshadow.shadow.table;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;

/** Translation of a source table's first schema into an Iceberg schema. */
public final class IcebergSchemas {

  private IcebergSchemas() {}

  /** Field ids 1..n in column order; the primary key becomes the identifier fields. */
  public static Schema fromSource(SourceTableSchema source) {
    List<Types.NestedField> fields = new ArrayList<>();
    Set<Integer> identifierIds = new HashSet<>();
    int id = 1;
    for (SourceColumn column : source.columns()) {
      fields.add(
          column.nullable()
              ? Types.NestedField.optional(id, column.name(), column.type().toIceberg())
              : Types.NestedField.required(id, column.name(), column.type().toIceberg()));
      if (source.primaryKey().contains(column.name())) {
        identifierIds.add(id);
      }
      id++;
    }
    return new Schema(fields, identifierIds);
  }

  /** The identifier (key) column names of an Iceberg schema, in field-id order. */
  public static List<String> keyColumns(Schema schema) {
    return schema.identifierFieldIds().stream()
        .sorted()
        .map(fieldId -> schema.findField(fieldId).name())
        .toList();
  }
}

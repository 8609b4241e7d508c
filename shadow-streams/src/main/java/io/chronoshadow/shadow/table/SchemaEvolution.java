package io.chronoshadow.shadow.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.iceberg.Schema;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Compares a table's current Iceberg schema with a newly seen source schema and plans the additive
 * changes, or rejects the whole change. Rules (by column name):
 *
 * <ul>
 *   <li>new column → added as optional (old shadows read null; Iceberg v2 cannot add a required
 *       column that existing rows lack, so a NOT NULL source column is added as optional too);
 *   <li>int → long, float → double, decimal(p,s) → decimal(p',s) with p' ≥ p → promoted;
 *   <li>required → nullable (not for key columns) → made optional;
 *   <li>nullable → NOT NULL → nothing to do (every new value is present anyway);
 *   <li>column missing from the source: optional → kept (new rows read null); required →
 *       incompatible (new rows would break the table's promise);
 *   <li>any other type change, or a different primary key → incompatible.
 * </ul>
 */
final class SchemaEvolution {

  private final Schema current;
  private final SourceTableSchema next;
  private final List<String> problems = new ArrayList<>();
  private final List<String> changes = new ArrayList<>();

  private SchemaEvolution(Schema current, SourceTableSchema next) {
    this.current = current;
    this.next = next;
  }

  static SchemaEvolution plan(Schema current, SourceTableSchema next) {
    SchemaEvolution evolution = new SchemaEvolution(current, next);
    evolution.compare();
    return evolution;
  }

  List<String> problems() {
    return problems;
  }

  List<String> changes() {
    return changes;
  }

  /** Applies the planned changes to {@code update}; call only without problems. */
  void applyTo(UpdateSchema update) {
    for (SourceColumn column : next.columns()) {
      Types.NestedField existing = current.findField(column.name());
      if (existing == null) {
        update.addColumn(column.name(), column.type().toIceberg());
        continue;
      }
      Type target = column.type().toIceberg();
      if (!existing.type().equals(target)) {
        update.updateColumn(column.name(), target.asPrimitiveType());
      }
      if (existing.isRequired() && column.nullable()) {
        update.makeColumnOptional(column.name());
      }
    }
  }

  private void compare() {
    List<String> currentKey = IcebergSchemas.keyColumns(current);
    if (!Set.copyOf(currentKey).equals(Set.copyOf(next.primaryKey()))) {
      problems.add("primary key changed from " + currentKey + " to " + next.primaryKey());
    }
    Map<String, SourceColumn> nextColumns = next.byName();
    for (Types.NestedField field : current.columns()) {
      if (!nextColumns.containsKey(field.name()) && field.isRequired()) {
        problems.add("required column " + field.name() + " was dropped");
      }
    }
    for (SourceColumn column : next.columns()) {
      Types.NestedField existing = current.findField(column.name());
      if (existing == null) {
        changes.add("add column " + column.name() + " " + column.type());
        continue;
      }
      Type from = existing.type();
      Type to = column.type().toIceberg();
      if (!from.equals(to)) {
        if (isPromotion(from, to)) {
          changes.add("widen " + column.name() + " from " + from + " to " + to);
        } else {
          problems.add(
              "column "
                  + column.name()
                  + " changed type from "
                  + from
                  + " to "
                  + to
                  + (isPromotion(to, from) ? " (narrowing)" : " (not a widening)"));
        }
      }
      if (existing.isRequired() && column.nullable()) {
        if (currentKey.contains(column.name())) {
          problems.add("key column " + column.name() + " became nullable");
        } else {
          changes.add("make " + column.name() + " optional");
        }
      }
    }
  }

  /** The promotions Iceberg v2 allows without rewriting data files. */
  static boolean isPromotion(Type from, Type to) {
    if (from.typeId() == Type.TypeID.INTEGER && to.typeId() == Type.TypeID.LONG) {
      return true;
    }
    if (from.typeId() == Type.TypeID.FLOAT && to.typeId() == Type.TypeID.DOUBLE) {
      return true;
    }
    if (from instanceof Types.DecimalType a && to instanceof Types.DecimalType b) {
      return a.scale() == b.scale() && b.precision() > a.precision();
    }
    return false;
  }

  @Override
  public String toString() {
    return changes.stream().collect(Collectors.joining(", "));
  }
}

package io.chronoshadow.shadow.commit;

import io.chronoshadow.shadow.table.ColumnType;
import io.chronoshadow.shadow.table.ColumnType.Kind;
import io.chronoshadow.shadow.table.SourceColumn;
import io.chronoshadow.shadow.table.SourceTableSchema;
import java.util.List;

/** Two test tables: {@code orders} (single key) and {@code order_lines} (composite key). */
final class ShopTables {

  static final String GROUP = "shop";
  static final String ORDERS = "orders";
  static final String LINES = "order_lines";

  static final SourceTableSchema ORDERS_SCHEMA =
      new SourceTableSchema(
          List.of(
              SourceColumn.required("id", ColumnType.of(Kind.LONG)),
              SourceColumn.required("customer", ColumnType.of(Kind.STRING)),
              SourceColumn.optional("amount", ColumnType.decimal(10, 2)),
              SourceColumn.optional("status", ColumnType.of(Kind.STRING)),
              SourceColumn.optional("created", ColumnType.of(Kind.TIMESTAMPTZ))),
          List.of("id"));

  static final SourceTableSchema LINES_SCHEMA =
      new SourceTableSchema(
          List.of(
              SourceColumn.required("order_id", ColumnType.of(Kind.LONG)),
              SourceColumn.required("line_no", ColumnType.of(Kind.INT)),
              SourceColumn.optional("sku", ColumnType.of(Kind.STRING)),
              SourceColumn.optional("qty", ColumnType.of(Kind.INT))),
          List.of("order_id", "line_no"));

  static List<String> keyColumns(String table) {
    return ORDERS.equals(table) ? List.of("id") : List.of("order_id", "line_no");
  }

  static SourceTableSchema schema(String table) {
    return ORDERS.equals(table) ? ORDERS_SCHEMA : LINES_SCHEMA;
  }

  private ShopTables() {}
}

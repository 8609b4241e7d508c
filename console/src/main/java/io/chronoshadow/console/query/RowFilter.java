package io.chronoshadow.console.query;

import io.chronoshadow.console.http.ApiError;
import java.util.List;
import java.util.Locale;
import org.apache.iceberg.Schema;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.types.Types;

/**
 * One column filter, written {@code column:op:value} in the {@code filter} query parameter
 * (repeatable, all must hold): {@code eq ne lt le gt ge} take a value, {@code null} and {@code
 * notnull} none (e.g. {@code status:eq:paid}, {@code total:ge:100}, {@code note:null}).
 */
record RowFilter(String column, String op, Object value) {

  static final List<String> OPS = List.of("eq", "ne", "lt", "le", "gt", "ge", "null", "notnull");
  static final String PARAM = "filter";

  static RowFilter parse(String text, Schema schema) {
    String[] parts = text.split(":", 3);
    if (parts.length < 2) {
      throw ApiError.badRequest(
          PARAM, "filter '" + text + "' must be column:op:value, e.g. status:eq:paid");
    }
    String column = parts[0];
    Types.NestedField field = schema.findField(column);
    if (field == null) {
      throw ApiError.badRequest(
          PARAM, "filter '" + text + "': no column " + column + " (columns " + names(schema) + ")");
    }
    String op = parts[1].toLowerCase(Locale.ROOT);
    if (!OPS.contains(op)) {
      throw ApiError.badRequest(
          PARAM, "filter '" + text + "': op must be one of " + String.join(", ", OPS));
    }
    boolean unary = op.equals("null") || op.equals("notnull");
    if (unary != (parts.length == 2)) {
      throw ApiError.badRequest(
          PARAM,
          "filter '"
              + text
              + "': "
              + (unary ? op + " takes no value" : op + " needs a value, column:op:value"));
    }
    return new RowFilter(column, op, unary ? null : ColumnValues.parse(field, parts[2], PARAM));
  }

  Expression expression() {
    Object v = ColumnValues.literal(value);
    return switch (op) {
      case "eq" -> Expressions.equal(column, v);
      case "ne" -> Expressions.notEqual(column, v);
      case "lt" -> Expressions.lessThan(column, v);
      case "le" -> Expressions.lessThanOrEqual(column, v);
      case "gt" -> Expressions.greaterThan(column, v);
      case "ge" -> Expressions.greaterThanOrEqual(column, v);
      case "null" -> Expressions.isNull(column);
      default -> Expressions.notNull(column);
    };
  }

  static String names(Schema schema) {
    return schema.columns().stream().map(Types.NestedField::name).toList().toString();
  }
}

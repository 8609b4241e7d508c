package io.chronoshadow.shadow.table;

import io.chronoshadow.schemas.contract.GroupNames;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * Where a source table's shadows live: namespace = shadow group, table name = source table. A
 * source table in the group's default schema (configured per group, {@code public} unless set)
 * keeps its bare name ({@code public.orders} → {@code <group>.orders}; with default schema {@code
 * shop}, {@code shop.orders} → {@code <group>.orders}); one in any other schema gets the schema as
 * a prefix joined by two underscores ({@code billing.invoices} → {@code
 * <group>.billing__invoices}), so that names never collide and every Trino user can write {@code
 * <catalog>.<group>.<table>} without quoting.
 */
public record ShadowTableName(String group, String table) {

  private static final Pattern TABLE = Pattern.compile("[a-z0-9_]{1,128}");

  public ShadowTableName {
    GroupNames.requireValid(group);
    if (table == null || !TABLE.matcher(table).matches()) {
      throw new IllegalArgumentException(
          "table name must be 1-128 characters of [a-z0-9_] (was '" + table + "')");
    }
  }

  /** The schema whose tables keep their bare names when a group sets none. */
  public static final String DEFAULT_SCHEMA = "public";

  /** As {@link #fromSourceTable(String, String, String)} with default schema {@code public}. */
  public static ShadowTableName fromSourceTable(String group, String dataCollection) {
    return fromSourceTable(group, dataCollection, DEFAULT_SCHEMA);
  }

  /**
   * From a Debezium data collection name such as {@code public.orders} or {@code orders}; tables of
   * {@code defaultSchema} keep their bare name.
   */
  public static ShadowTableName fromSourceTable(
      String group, String dataCollection, String defaultSchema) {
    if (dataCollection == null || dataCollection.isBlank()) {
      throw new IllegalArgumentException("source table name is required");
    }
    String name = dataCollection.toLowerCase(Locale.ROOT);
    int dot = name.lastIndexOf('.');
    if (dot >= 0) {
      String schema = name.substring(0, dot);
      String table = name.substring(dot + 1);
      name =
          schema.equals(defaultSchema.toLowerCase(Locale.ROOT))
              ? table
              : schema.replace('.', '_') + "__" + table;
    }
    return new ShadowTableName(group, name);
  }

  public TableIdentifier identifier() {
    return TableIdentifier.of(Namespace.of(group), table);
  }

  @Override
  public String toString() {
    return group + "." + table;
  }
}

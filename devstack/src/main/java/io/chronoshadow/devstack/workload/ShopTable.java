package io.chronoshadow.devstack.workload;

import java.util.List;

/**
 * One table of the demo schema and its primary key, in key order: what a consumer needs to dump or
 * compare the table deterministically ({@code ORDER BY} the key).
 */
public record ShopTable(String schema, String name, List<String> primaryKey) {

  public ShopTable {
    primaryKey = List.copyOf(primaryKey);
  }

  public String qualifiedName() {
    return schema + "." + name;
  }

  /** {@code SELECT * FROM schema.table ORDER BY pk…}: a deterministic full dump. */
  public String selectAllOrderedSql() {
    return "SELECT * FROM " + qualifiedName() + " ORDER BY " + String.join(", ", primaryKey);
  }
}

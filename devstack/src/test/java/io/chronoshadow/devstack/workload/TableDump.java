package io.chronoshadow.devstack.workload;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Full contents of every shop table, ordered by primary key, as text: the determinism oracle. */
final class TableDump {

  private TableDump() {}

  static Map<String, List<List<String>>> of(DataSource db) throws SQLException {
    Map<String, List<List<String>>> dump = new LinkedHashMap<>();
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      for (ShopTable table : ShopSchema.TABLES) {
        List<List<String>> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(table.selectAllOrderedSql())) {
          int columns = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            List<String> row = new ArrayList<>(columns);
            for (int i = 1; i <= columns; i++) {
              row.add(rs.getString(i));
            }
            rows.add(row);
          }
        }
        dump.put(table.name(), rows);
      }
    }
    return dump;
  }
}

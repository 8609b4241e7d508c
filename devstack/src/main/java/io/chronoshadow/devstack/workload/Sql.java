package io.chronoshadow.devstack.workload;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Small JDBC helpers shared by the operations. */
final class Sql {

  private Sql() {}

  /**
   * Runs one INSERT/UPDATE/DELETE with its parameters in order and returns the rows it changed. An
   * {@link Instant} binds as timestamptz in UTC, a {@link List} as a {@code bigint[]} (for {@code =
   * ANY (?)}), anything else as the driver maps it.
   */
  static int update(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        bind(s, i + 1, params[i]);
      }
      return s.executeUpdate();
    }
  }

  private static void bind(PreparedStatement s, int index, Object value) throws SQLException {
    if (value instanceof Instant instant) {
      setInstant(s, index, instant);
    } else if (value instanceof List<?> ids) {
      s.setArray(index, s.getConnection().createArrayOf("bigint", ids.toArray()));
    } else {
      s.setObject(index, value);
    }
  }

  /** Binds an instant as timestamptz without going through the JVM's default time zone. */
  static void setInstant(PreparedStatement statement, int index, Instant instant)
      throws SQLException {
    statement.setObject(index, instant.atOffset(ZoneOffset.UTC));
  }
}

package io.chronoshadow.devstack.workload;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;

/** Small JDBC helpers shared by the operations. */
final class Sql {

  private Sql() {}

  /** Binds an instant as timestamptz without going through the JVM's default time zone. */
  static void setInstant(PreparedStatement statement, int index, Instant instant)
      throws SQLException {
    statement.setObject(index, instant.atOffset(ZoneOffset.UTC));
  }

  static java.sql.Array bigintArray(PreparedStatement statement, java.util.List<Long> values)
      throws SQLException {
    return statement.getConnection().createArrayOf("bigint", values.toArray(new Long[0]));
  }
}

package io.chronoshadow.devstack.workload;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Where the workload gets its connections; a DataSource or a JDBC URL with credentials. */
@FunctionalInterface
public interface ConnectionSource {

  Connection open() throws SQLException;

  static ConnectionSource of(DataSource dataSource) {
    return dataSource::getConnection;
  }

  static ConnectionSource of(String jdbcUrl, String user, String password) {
    return () -> DriverManager.getConnection(jdbcUrl, user, password);
  }
}

package io.chronoshadow.devstack.workload;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * One long-lived connection for one thread of work, opened lazily and reopened after it broke. It
 * is tagged with an application_name so our sessions can be told apart in pg_stat_activity.
 */
final class SessionConnection implements AutoCloseable {

  static final String APPLICATION_NAME_PREFIX = "chrono-workload";

  private final ConnectionSource source;
  private final String applicationName;
  private final Duration statementTimeout;
  private Connection connection;

  SessionConnection(ConnectionSource source, String role, Duration statementTimeout) {
    this.source = source;
    this.applicationName = APPLICATION_NAME_PREFIX + "-" + role;
    this.statementTimeout = statementTimeout;
  }

  /** The open connection, in manual-commit mode. */
  Connection get() throws SQLException {
    if (connection == null || connection.isClosed()) {
      Connection fresh = source.open();
      try (Statement s = fresh.createStatement()) {
        fresh.setAutoCommit(true);
        s.execute("SET application_name = '" + applicationName + "'");
        s.execute("SET statement_timeout = " + Math.max(1, statementTimeout.toMillis()));
        fresh.setAutoCommit(false);
      } catch (SQLException | RuntimeException e) {
        fresh.close();
        throw e;
      }
      connection = fresh;
    }
    return connection;
  }

  /** Drops a connection that failed at the transport level; the next get() opens a new one. */
  void discard() {
    close();
  }

  @Override
  public void close() {
    if (connection != null) {
      try {
        if (!connection.isClosed() && !connection.getAutoCommit()) {
          connection.rollback();
        }
      } catch (SQLException ignored) {
        // closing anyway; the server rolls back whatever a closed session left
      }
      try {
        connection.close();
      } catch (SQLException ignored) {
        // nothing more we can do with a connection we are discarding
      }
      connection = null;
    }
  }
}

package io.chronoshadow.devstack.workload;

import java.sql.SQLException;

/** Classifies PostgreSQL errors by SQLState. */
final class SqlErrors {

  private SqlErrors() {}

  /** Serialization failure or deadlock: the transaction did nothing and may simply run again. */
  static boolean isRetryable(SQLException e) {
    String state = e.getSQLState();
    return "40001".equals(state) || "40P01".equals(state);
  }

  /** Class 08 (connection exception) or a closed connection: the session is gone. */
  static boolean isConnectionLoss(SQLException e) {
    String state = e.getSQLState();
    return state != null && (state.startsWith("08") || state.equals("57P01"));
  }
}

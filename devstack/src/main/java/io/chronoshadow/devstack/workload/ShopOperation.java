package io.chronoshadow.devstack.workload;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One business transaction with all its parameters fixed in advance, so that running it again
 * (after a retry, or in another database with the same state) has the same effect.
 */
interface ShopOperation {

  /** Short name used in statistics, e.g. {@code place_order}. */
  String name();

  /**
   * Runs the statements on a connection that is already inside a transaction; the caller commits or
   * rolls back.
   *
   * @return rows changed; 0 means the operation found nothing to do and the caller rolls back
   */
  int execute(Connection connection) throws SQLException;
}

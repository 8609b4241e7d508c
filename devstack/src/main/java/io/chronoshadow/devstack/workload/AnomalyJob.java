package io.chronoshadow.devstack.workload;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/** The body of one anomaly, run on its own thread and its own database session. */
interface AnomalyJob {

  Result run(Context context) throws SQLException;

  /** What the job did; {@code completed} is false if it was stopped before finishing. */
  record Result(long rowsAffected, boolean completed, String detail) {}

  /** Everything a job may use. */
  record Context(
      WorkloadConfig config,
      DeterministicRandom random,
      TransactionRunner runner,
      SessionConnection session,
      OperationPlanner planner,
      RateProfile profile,
      VirtualClock clock,
      StopSignal stop) {

    /** Runs a single-value read-only query and ends its transaction. */
    long queryLong(String sql) throws SQLException {
      Connection c = session.get();
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(sql)) {
        rs.next();
        return rs.getLong(1);
      } finally {
        c.rollback();
      }
    }

    /** Sleeps, unless stopping. Returns false if the job should end now. */
    boolean pause(Duration duration) {
      return stop.pause(duration.toNanos());
    }
  }
}

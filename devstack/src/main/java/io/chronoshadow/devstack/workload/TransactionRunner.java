package io.chronoshadow.devstack.workload;

import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs operations as transactions on one session: commit on success, roll back on anything else (no
 * path leaves a transaction open), retry what the database says to retry, count the rest and carry
 * on. Not thread-safe: one runner per thread of work.
 */
final class TransactionRunner {

  private static final Logger LOG = LoggerFactory.getLogger(TransactionRunner.class);
  private static final long FAILURE_LOG_INTERVAL_NANOS = 5_000_000_000L;

  /** How one transaction ended. */
  enum Outcome {
    COMMITTED,
    NO_CHANGE,
    FAILED
  }

  /** Outcome plus the rows the committed attempt changed (0 unless committed). */
  record Result(Outcome outcome, int rows) {
    boolean committed() {
      return outcome == Outcome.COMMITTED;
    }
  }

  private final SessionConnection session;
  private final WorkloadCounters counters;
  private final int maxAttempts;
  private long lastFailureLogNanos;
  private long suppressedFailures;
  private boolean loggedOnce;

  TransactionRunner(SessionConnection session, WorkloadCounters counters, int maxAttempts) {
    this.session = session;
    this.counters = counters;
    this.maxAttempts = maxAttempts;
  }

  Result run(ShopOperation operation) {
    for (int attempt = 1; ; attempt++) {
      Connection connection = null;
      try {
        connection = session.get();
        int rows = operation.execute(connection);
        if (rows == 0) {
          connection.rollback();
          counters.noChange();
          return new Result(Outcome.NO_CHANGE, 0);
        }
        connection.commit();
        counters.committed(operation.name());
        return new Result(Outcome.COMMITTED, rows);
      } catch (SQLException e) {
        rollbackQuietly(connection);
        if (SqlErrors.isConnectionLoss(e)) {
          session.discard();
        }
        if (SqlErrors.isRetryable(e) && attempt < maxAttempts) {
          counters.retried();
          backOff(attempt);
          continue;
        }
        return fail(operation, e);
      } catch (RuntimeException e) {
        rollbackQuietly(connection);
        return fail(operation, e);
      }
    }
  }

  private Result fail(ShopOperation operation, Exception e) {
    String kind =
        e instanceof SQLException sql && sql.getSQLState() != null
            ? sql.getSQLState()
            : e.getClass().getSimpleName();
    counters.failed(operation.name() + " " + kind);
    logThrottled(operation, e);
    return new Result(Outcome.FAILED, 0);
  }

  private void rollbackQuietly(Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      connection.rollback();
    } catch (SQLException rollbackFailure) {
      // a session that cannot even roll back is unusable; closing it ends the transaction
      // server-side
      session.discard();
    }
  }

  /** Short, growing pauses give the transaction we collided with time to finish. */
  private static void backOff(int attempt) {
    try {
      Thread.sleep(Math.min(100L, 2L << attempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One line per failure, but at most one every few seconds while the database is down. */
  private void logThrottled(ShopOperation operation, Exception e) {
    long now = System.nanoTime();
    if (loggedOnce && now - lastFailureLogNanos < FAILURE_LOG_INTERVAL_NANOS) {
      suppressedFailures++;
      return;
    }
    String state = e instanceof SQLException sql ? " [SQLState " + sql.getSQLState() + "]" : "";
    String suppressed =
        suppressedFailures == 0 ? "" : " (" + suppressedFailures + " similar failures suppressed)";
    LOG.warn(
        "workload transaction {} failed{}: {}{}",
        operation.name(),
        state,
        e.getMessage(),
        suppressed);
    loggedOnce = true;
    lastFailureLogNanos = now;
    suppressedFailures = 0;
  }
}

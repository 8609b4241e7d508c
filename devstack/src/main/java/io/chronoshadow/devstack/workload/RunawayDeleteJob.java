package io.chronoshadow.devstack.workload;

import io.chronoshadow.devstack.workload.AnomalyOperations.DeleteOldestOrders;
import java.sql.SQLException;
import java.time.Duration;

/**
 * RUNAWAY_DELETE: deletes the oldest orders, with their lines and payments, in quick batches spread
 * over a short time, until the configured fraction of the orders table is gone.
 */
final class RunawayDeleteJob implements AnomalyJob {

  private static final int MAX_FAILED_BATCHES = 3;

  @Override
  public Result run(Context context) throws SQLException {
    WorkloadConfig config = context.config();
    long ordersBefore = context.queryLong("SELECT count(*) FROM shop.orders");
    long target = (long) Math.ceil(ordersBefore * config.runawayDeleteFraction());
    long batches =
        Math.max(
            1, (target + config.runawayDeleteBatchSize() - 1) / config.runawayDeleteBatchSize());
    Duration pauseBetween = config.runawayDeleteDuration().dividedBy(batches);
    long orders = 0;
    long lines = 0;
    long payments = 0;
    int failedBatches = 0;
    int batchesRun = 0;
    boolean completed = true;
    while (orders < target) {
      DeleteOldestOrders batch =
          new DeleteOldestOrders((int) Math.min(config.runawayDeleteBatchSize(), target - orders));
      TransactionRunner.Result result = context.runner().run(batch);
      batchesRun++;
      if (result.committed()) {
        orders += batch.ordersDeleted();
        lines += batch.linesDeleted();
        payments += batch.paymentsDeleted();
      } else if (result.outcome() == TransactionRunner.Outcome.NO_CHANGE
          || ++failedBatches >= MAX_FAILED_BATCHES) {
        completed = result.outcome() == TransactionRunner.Outcome.NO_CHANGE;
        break;
      }
      if (orders < target && !context.pause(pauseBetween)) {
        completed = false;
        break;
      }
    }
    return new Result(
        orders + lines + payments,
        completed,
        String.format(
            "orders=%d of %d (target %d), order_lines=%d, payments=%d, batches=%d",
            orders, ordersBefore, target, lines, payments, batchesRun));
  }
}

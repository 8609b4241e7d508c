package io.chronoshadow.devstack.workload;

import java.util.Map;

/**
 * A snapshot of what the workload has done so far.
 *
 * @param stepsExecuted everyday steps run (each is one transaction, whatever its outcome)
 * @param committed transactions committed with changes (everyday steps and anomaly transactions)
 * @param noChange transactions that found nothing to do and were rolled back (e.g. an order whose
 *     products were all out of stock, paying an order that was cancelled meanwhile)
 * @param failed transactions given up after an error
 * @param retries extra attempts after serialization failures or deadlocks
 * @param committedByOperation committed transactions per operation name
 * @param failedByCause failed transactions per operation and error (SQLState or exception class)
 */
public record WorkloadStats(
    long stepsExecuted,
    long committed,
    long noChange,
    long failed,
    long retries,
    Map<String, Long> committedByOperation,
    Map<String, Long> failedByCause) {

  public WorkloadStats {
    committedByOperation = Map.copyOf(committedByOperation);
    failedByCause = Map.copyOf(failedByCause);
  }

  public long committedOf(String operation) {
    return committedByOperation.getOrDefault(operation, 0L);
  }
}

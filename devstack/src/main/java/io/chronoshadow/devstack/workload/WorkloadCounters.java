package io.chronoshadow.devstack.workload;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Thread-safe counters behind {@link WorkloadStats}. */
final class WorkloadCounters {

  private final LongAdder steps = new LongAdder();
  private final LongAdder committed = new LongAdder();
  private final LongAdder noChange = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final Map<String, LongAdder> committedByOperation = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> failedByCause = new ConcurrentHashMap<>();

  void step() {
    steps.increment();
  }

  void committed(String operation) {
    committed.increment();
    committedByOperation.computeIfAbsent(operation, k -> new LongAdder()).increment();
  }

  void noChange() {
    noChange.increment();
  }

  /**
   * @param cause operation and error class, e.g. {@code place_order 40P01}: few distinct values, so
   *     the map stays small however long the workload runs
   */
  void failed(String cause) {
    failed.increment();
    failedByCause.computeIfAbsent(cause, k -> new LongAdder()).increment();
  }

  void retried() {
    retries.increment();
  }

  WorkloadStats snapshot() {
    Map<String, Long> byOperation = new TreeMap<>();
    committedByOperation.forEach((k, v) -> byOperation.put(k, v.sum()));
    Map<String, Long> byCause = new TreeMap<>();
    failedByCause.forEach((k, v) -> byCause.put(k, v.sum()));
    return new WorkloadStats(
        steps.sum(),
        committed.sum(),
        noChange.sum(),
        failed.sum(),
        retries.sum(),
        byOperation,
        byCause);
  }
}

package io.chronoshadow.shadow.topology;

import io.chronoshadow.shadow.cut.LateTransaction;
import io.chronoshadow.shadow.dependency.DependencyStatus;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Health figures of one shadow topology, updated by its stream thread and read from anywhere.
 * Counts are since this process started (they are not restored from state), except the late
 * transactions: a shadow that lacks one stays wrong, so its record is kept in the planner's state
 * and reported by every later process.
 */
public final class ShadowMetrics {

  private final AtomicReference<String> lastShadowId = new AtomicReference<>();
  private final AtomicLong lastSequence = new AtomicLong();
  private final AtomicLong shadowsCommitted = new AtomicLong();
  private final AtomicLong deadLettered = new AtomicLong();
  private final AtomicLong duplicateEvents = new AtomicLong();
  private final AtomicLong lateTransactions = new AtomicLong();
  private final AtomicReference<LateTransaction> lastLate = new AtomicReference<>();
  private final AtomicLong stoppedTables = new AtomicLong();
  private final DependencyStatus dependencies;

  public ShadowMetrics() {
    this("");
  }

  /** Figures of {@code group}, which names it in dependency outage lines and metric tags. */
  public ShadowMetrics(String group) {
    this.dependencies = new DependencyStatus(group);
  }

  /** The outages of the catalog, object store, registry and broker this process has seen. */
  public DependencyStatus dependencies() {
    return dependencies;
  }

  void shadowCommitted(String shadowId, long sequence) {
    lastShadowId.set(shadowId);
    lastSequence.set(sequence);
    shadowsCommitted.incrementAndGet();
  }

  void deadLetterSent() {
    deadLettered.incrementAndGet();
  }

  void duplicateEvent() {
    duplicateEvents.incrementAndGet();
  }

  void lateTransactions(long total, LateTransaction last) {
    lateTransactions.set(total);
    lastLate.set(last);
  }

  void tableStopped() {
    stoppedTables.incrementAndGet();
  }

  /** The newest committed shadow, or null before the first. */
  public String lastShadowId() {
    return lastShadowId.get();
  }

  public long lastSequence() {
    return lastSequence.get();
  }

  public long shadowsCommitted() {
    return shadowsCommitted.get();
  }

  /** Records sent to the dead-letter topic. */
  public long deadLettered() {
    return deadLettered.get();
  }

  /** Change events dropped as duplicates of at-least-once capture. */
  public long duplicateEvents() {
    return duplicateEvents.get();
  }

  /**
   * Transactions of the group whose commit time was before a cut already closed when they arrived,
   * since the group started (see {@link LateTransaction}).
   */
  public long lateTransactions() {
    return lateTransactions.get();
  }

  /** The most recent late transaction, or null. */
  public LateTransaction lastLate() {
    return lastLate.get();
  }

  /** Tables whose shadows stopped because of an incompatible schema change. */
  public long stoppedTables() {
    return stoppedTables.get();
  }
}

package io.chronoshadow.shadow.app;

import io.chronoshadow.shadow.cut.LateTransaction;
import io.chronoshadow.shadow.dependency.DependencyStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Health figures of a running shadow-streams instance.
 *
 * @param state the Kafka Streams state (CREATED, REBALANCING, RUNNING, ERROR, …)
 * @param lastShadowId the newest shadow committed by this process, or null
 * @param lag records not yet consumed, summed over the input partitions (-1 when not known yet)
 * @param deadLettered records this process sent to the dead-letter topic
 * @param lateTransactions transactions of the group whose commit time was before a cut already
 *     closed when they arrived, since the group started (not only this process): each leaves a
 *     shadow without a transaction it should hold, so anything but 0 is a degraded group
 * @param lastLate the most recent of those, or null
 * @param stoppedTables tables stopped by incompatible schema changes
 * @param outages the dependencies unavailable now (object store, catalog, registry, broker): the
 *     group is degraded while any is, and its shadows wait (or, for the registry, new schemas)
 */
public record ShadowHealth(
    String state,
    String lastShadowId,
    long lastSequence,
    long shadowsCommitted,
    long lag,
    long deadLettered,
    long duplicateEvents,
    long lateTransactions,
    LateTransaction lastLate,
    long stoppedTables,
    List<DependencyStatus.Outage> outages) {

  public ShadowHealth {
    outages = List.copyOf(outages);
  }

  /** "degraded" while a dependency is unavailable or a transaction came late, else "ok". */
  public String status() {
    return outages.isEmpty() && lateTransactions == 0 ? "ok" : "degraded";
  }

  /** One line per unavailable dependency, for a health check. */
  public List<String> dependencyProblems() {
    return outages.stream().map(DependencyStatus.Outage::problem).toList();
  }

  /**
   * What the late transactions mean for the group's shadows, or empty when there are none: the line
   * a health check shows an operator.
   */
  public Optional<String> lateProblem() {
    if (lateTransactions == 0 || lastLate == null) {
      return Optional.empty();
    }
    return Optional.of(
        lateTransactions
            + " transaction(s) arrived after the shadow their commit time belongs to was cut;"
            + " the latest, "
            + lastLate.txId()
            + " committed at "
            + Instant.ofEpochMilli(lastLate.commitMillis())
            + ", is missing from "
            + lastLate.missedShadowId());
  }
}

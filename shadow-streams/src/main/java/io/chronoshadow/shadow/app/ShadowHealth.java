package io.chronoshadow.shadow.app;

/**
 * Health figures of a running shadow-streams instance.
 *
 * @param state the Kafka Streams state (CREATED, REBALANCING, RUNNING, ERROR, …)
 * @param lastShadowId the newest shadow committed by this process, or null
 * @param lag records not yet consumed, summed over the input partitions (-1 when not known yet)
 * @param deadLettered records this process sent to the dead-letter topic
 * @param lateTransactions transactions that arrived after a heartbeat promised they could not
 * @param stoppedTables tables stopped by incompatible schema changes
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
    long stoppedTables) {}

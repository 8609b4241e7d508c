/**
 * The shadow topology of one group (Kafka Streams Processor API, exactly_once_v2).
 *
 * <h2>Shape</h2>
 *
 * Sources: the group's change topics by pattern ({@code <prefix>.<schema>.<table>}), the
 * transaction topic, the heartbeat topic, the compacted policies topic and the manual requests
 * topic. Every input has one partition, so there is one task and one processor ({@code
 * ShadowProcessor}) sees every record. State, all in persistent changelogged stores: the planner
 * ({@code PlannerStateCodec} JSON), per table its tracker, snapshot progress, waiting-queue
 * positions and running row count, the staged net change per (shadow, table, key) of the open
 * shadows, events waiting for a cut, per (shadow, table) op counts, and emitted-but-uncommitted
 * cuts. Sinks: {@code chrono.shadows} and {@code chrono.shadow-stats} (Avro, registry) and {@code
 * chrono.dlq} (original bytes and headers plus reason headers).
 *
 * <h2>Ordering</h2>
 *
 * Nothing depends on the interleaving of topics. Transaction ENDs feed the {@code CutPlanner};
 * change events go to their table's {@code TableCutTracker}; an event no known cut covers waits in
 * a store (with every later event of its table) and is re-offered, in order, after each cut. A
 * shadow is committed once every table's tracker has completed it (and, for shadow 1, every table
 * whose snapshot reads were seen has delivered its last one — Debezium's {@code
 * last_in_data_collection}/{@code last} marker, or a streaming event).
 *
 * <h2>Progress: the commit order, never a clock</h2>
 *
 * A cut at time T closes only when the source's commit order proves that every transaction
 * committed before T has been seen: a transaction END on the transaction topic (one partition, in
 * the replication slot's commit order) whose effective commit time is at least T. While the group's
 * tables are idle, that proof comes from heartbeats that are themselves source transactions:
 * Debezium's {@code heartbeat.action.query} writes the heartbeat table ({@code chrono.heartbeat} by
 * default, {@code ShadowTopologySettings#heartbeatTable}), capture publishes those transactions
 * like any other, in commit order; their ENDs advance time, their rows are dropped. Debezium's
 * heartbeat <em>records</em> are not an input: they carry the capture process's clock, which after
 * a restart or under lag runs ahead of the commits still streaming from the slot, and a cut closed
 * on it would leave the backlog out of the shadows it belongs to.
 *
 * <p>A transaction whose commit time is before a cut that is already closed (the source's clock
 * stepped back across it, or capture broke the commit order) cannot be put into that shadow any
 * more: it joins the next one, and the planner records it ({@code LateTransaction}); the count
 * stays in the planner's state, the shadow record carries it ({@code lateTransactions}), and the
 * group's health is degraded from then on.
 *
 * <h2>Exactly once</h2>
 *
 * Commits happen inside record processing, so a shadow is committed at a point determined by the
 * input alone. After a crash the task's stores are restored to the last Kafka commit, the input is
 * replayed, the same cut and the same staged changes are recomputed, and {@code ShadowCommitter}
 * skips the Iceberg snapshots and tags that already exist (idempotent by shadow id); the output
 * records of the aborted transaction are never visible to read_committed consumers.
 */
package io.chronoshadow.shadow.topology;

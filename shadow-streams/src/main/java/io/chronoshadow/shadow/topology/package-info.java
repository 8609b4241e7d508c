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
 * <h2>Heartbeats</h2>
 *
 * A heartbeat must not close a boundary before the END events it covers are processed. Two layers:
 * (1) consumer side, Kafka Streams with {@code max.task.idle.ms=0} processes a task's records in
 * timestamp order across partitions and, before taking a record while another input partition is
 * empty, waits until that partition's end offset is known — Debezium produces the END records
 * before the heartbeat that follows them, so they are taken first; (2) source side, a heartbeat at
 * time h only promises h − {@code heartbeatWatermarkDelay}, which covers capture lag up to that
 * delay. If the promise is still broken, the planner moves the transaction to the open shadow
 * (never lost, never split) and the topology counts and logs it ({@code lateTransactions}).
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

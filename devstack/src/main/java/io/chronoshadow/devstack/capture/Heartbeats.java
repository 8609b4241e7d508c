package io.chronoshadow.devstack.capture;

/**
 * The heartbeat table, and what Debezium runs on every heartbeat: an upsert of its one row.
 *
 * <p>Why a table, captured like the group's own: each heartbeat is then a source transaction, and
 * its END event on the transaction topic carries its commit time <em>in the replication slot's
 * commit order</em>. A shadow's cut may close only once that order proves every transaction before
 * it has been seen; an idle source proves it through these transactions. Debezium's heartbeat
 * records, by contrast, are stamped with the capture process's clock — after a restart or under
 * lag, that clock runs ahead of the commits still streaming from the slot — so the shadow topology
 * ignores them. The same table and statement work for Debezium in Kafka Connect (see the
 * shadow-streams README).
 *
 * <p>It also keeps the slot moving: the source and catalog databases share one PostgreSQL server
 * and one WAL, and the slot only advances when the source database's stream carries something
 * Debezium can confirm.
 */
public final class Heartbeats {

  /** The heartbeat table, as Debezium names it in transaction metadata ({@code schema.table}). */
  public static final String TABLE = "chrono.heartbeat";

  /** The heartbeat table's schema, which capture includes beside the captured schemas. */
  public static final String SCHEMA = "chrono";

  private Heartbeats() {}

  /** Creates the heartbeat table if it is missing; safe to run on every start. */
  public static String createTableSql() {
    return "CREATE SCHEMA IF NOT EXISTS "
        + SCHEMA
        + "; CREATE TABLE IF NOT EXISTS "
        + TABLE
        + " (id smallint PRIMARY KEY, beat_at timestamptz NOT NULL)";
  }

  /** The statement Debezium runs on every heartbeat: one row, rewritten in place. */
  public static String actionQuery() {
    return "INSERT INTO "
        + TABLE
        + " (id, beat_at) VALUES (1, now())"
        + " ON CONFLICT (id) DO UPDATE SET beat_at = EXCLUDED.beat_at";
  }
}

package io.chronoshadow.devstack.capture;

/**
 * What Debezium does on every heartbeat besides emitting the heartbeat record: it writes a
 * non-transactional logical decoding message into the source database's WAL.
 *
 * <p>Why anything at all: the source and catalog databases share one PostgreSQL server and one WAL.
 * While the captured tables are idle and something else writes (the Iceberg catalog does, at every
 * commit), the slot only advances if the replication stream of the source database carries
 * something Debezium can confirm; otherwise the server keeps WAL for the slot without bound.
 *
 * <p>Why a message rather than the usual update of a heartbeat table: on PostgreSQL 14 pgoutput
 * streams every transaction, even one that touches no published table, so an update would put a
 * BEGIN/END pair with zero events into the transaction topic on every heartbeat. A
 * non-transactional message is not a transaction; Debezium advances its position on it, and its
 * prefix is excluded, so it never becomes a record. The heartbeat topic record (which carries the
 * source LSN) is what tells a consumer that time moved on while the captured tables were idle.
 */
public final class Heartbeats {

  /** Prefix of the logical decoding message; excluded from capture. */
  public static final String MESSAGE_PREFIX = "chrono_heartbeat";

  private Heartbeats() {}

  /** The statement Debezium runs on every heartbeat. */
  public static String actionQuery() {
    return "SELECT pg_logical_emit_message(false, '" + MESSAGE_PREFIX + "', '')";
  }
}

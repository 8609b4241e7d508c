package io.chronoshadow.shadow.app;

import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The properties of Debezium's PostgreSQL connector as a Kafka Connect worker runs it for a shadow
 * group: what the shadow topology needs from capture, and nothing the worker decides (converters,
 * offsets and topic creation are worker settings, see {@link ConnectWorker}).
 *
 * @param name the connector's name in the worker (its REST resource)
 * @param topicPrefix Debezium's {@code topic.prefix}, the shadow group's {@code topic-prefix}
 * @param tables the captured tables as {@code schema.table}, the heartbeat table among them
 * @param heartbeatQuery the {@code heartbeat.action.query} that writes the heartbeat table
 */
record PostgresConnectorConfig(
    String name,
    String host,
    int port,
    String database,
    String user,
    String password,
    String topicPrefix,
    List<String> tables,
    String heartbeatQuery) {

  PostgresConnectorConfig {
    tables = List.copyOf(tables);
  }

  /**
   * Slot and publication of this connector; never the embedded capture's ({@code chrono_<prefix>}):
   * two captures sharing a slot would each see half of the stream.
   */
  String slotName() {
    return "chrono_connect_" + topicPrefix.replaceAll("[^A-Za-z0-9_]", "_").toLowerCase();
  }

  Properties toProperties() {
    Properties p = new Properties();
    p.setProperty("name", name);
    p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
    p.setProperty("tasks.max", "1");
    p.setProperty("database.hostname", host);
    p.setProperty("database.port", String.valueOf(port));
    p.setProperty("database.user", user);
    p.setProperty("database.password", password);
    p.setProperty("database.dbname", database);
    p.setProperty("topic.prefix", topicPrefix);
    p.setProperty("plugin.name", "pgoutput");
    p.setProperty("slot.name", slotName());
    p.setProperty("publication.name", slotName());
    // A publication of exactly the captured tables (the heartbeat table included): PostgreSQL
    // streams only what the publication names.
    p.setProperty("publication.autocreate.mode", "filtered");
    p.setProperty(
        "table.include.list",
        tables.stream().map(t -> t.replace(".", "\\.")).collect(Collectors.joining(",")));
    p.setProperty("snapshot.mode", "initial");
    // BEGIN/END per transaction with per-table event counts: the commit-order proof cuts close on.
    p.setProperty("provide.transaction.metadata", "true");
    // Every second a heartbeat transaction on the heartbeat table: progress in commit order while
    // the group's tables are idle.
    p.setProperty("heartbeat.interval.ms", "1000");
    p.setProperty("heartbeat.action.query", heartbeatQuery);
    // Full before-images, as the embedded capture has them.
    p.setProperty(
        "replica.identity.autoset.values",
        tables.stream().map(t -> t.replace(".", "\\.") + ":FULL").collect(Collectors.joining(",")));
    p.setProperty("decimal.handling.mode", "precise");
    p.setProperty("time.precision.mode", "adaptive_time_microseconds");
    p.setProperty("tombstones.on.delete", "false");
    p.setProperty("poll.interval.ms", "100");
    // The broker does not auto-create topics: Connect creates each one on its first record. One
    // partition each keeps a table's changes, and BEGIN/END, in commit order.
    p.setProperty("topic.creation.default.replication.factor", "1");
    p.setProperty("topic.creation.default.partitions", "1");
    return p;
  }
}

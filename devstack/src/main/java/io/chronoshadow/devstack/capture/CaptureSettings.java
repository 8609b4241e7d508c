package io.chronoshadow.devstack.capture;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What {@link DebeziumCapture} needs: where to read (a PostgreSQL database), what (schemas), where
 * to write (Kafka, topic prefix), how (converter, registry) and where to keep its offsets.
 *
 * @param stateDir directory for the offset file
 * @param registryUrl Confluent-compatible registry base URL; may be null for {@link
 *     ConverterKind#JSON}
 */
public record CaptureSettings(
    Path stateDir,
    String bootstrapServers,
    String dbHost,
    int dbPort,
    String database,
    String user,
    String password,
    String topicPrefix,
    List<String> schemas,
    ConverterKind converter,
    String registryUrl,
    Duration heartbeatInterval) {

  public CaptureSettings {
    Objects.requireNonNull(stateDir, "stateDir");
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(topicPrefix, "topicPrefix");
    schemas = List.copyOf(schemas);
    Objects.requireNonNull(converter, "converter");
    Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
    if (converter.needsRegistry() && (registryUrl == null || registryUrl.isBlank())) {
      throw new IllegalArgumentException(converter + " needs a schema registry URL");
    }
  }

  public CaptureSettings withConverter(ConverterKind kind, String url) {
    return new CaptureSettings(
        stateDir,
        bootstrapServers,
        dbHost,
        dbPort,
        database,
        user,
        password,
        topicPrefix,
        schemas,
        kind,
        url,
        heartbeatInterval);
  }

  /** Replication slot and publication name: derived from the prefix, so one per capture. */
  public String slotName() {
    return "chrono_" + topicPrefix.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
  }

  public String publicationName() {
    return slotName();
  }

  /** Debezium's transaction metadata topic. */
  public String transactionTopic() {
    return topicPrefix + ".transaction";
  }

  /** The heartbeat table's change topic (its rows are not shadowed; short retention). */
  public String heartbeatTableTopic() {
    return topicPrefix + "." + Heartbeats.TABLE;
  }

  /** Debezium's heartbeat topic. */
  public String heartbeatTopic() {
    return "__debezium-heartbeat." + topicPrefix;
  }

  /** Change topic of one table. */
  public String changeTopic(String schema, String table) {
    return topicPrefix + "." + schema + "." + table;
  }

  public Path offsetFile() {
    return stateDir.resolve("offsets.dat");
  }
}

package io.chronoshadow.console.app;

import io.chronoshadow.shadow.catalog.CatalogSettings;
import io.chronoshadow.shadow.topology.ShadowTopics;

/**
 * What the console reads and writes: Kafka (policies, requests, pins, the topologies' outputs), the
 * schema registry (to decode the Avro outputs) and the Iceberg catalog with its object store.
 */
public record ConsoleBackends(
    String bootstrapServers,
    String registryUrl,
    CatalogSettings catalog,
    ShadowTopics topics,
    String pinsTopic) {

  public static final String DEFAULT_PINS_TOPIC = "chrono.pins";

  public ConsoleBackends {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("Kafka bootstrap servers are required");
    }
    if (registryUrl == null || registryUrl.isBlank()) {
      throw new IllegalArgumentException("the schema registry URL is required");
    }
    if (catalog == null || topics == null) {
      throw new IllegalArgumentException("catalog settings and topics are required");
    }
    pinsTopic = pinsTopic == null || pinsTopic.isBlank() ? DEFAULT_PINS_TOPIC : pinsTopic;
  }
}

package io.chronoshadow.shadow.dependency;

/** An external service a shadow group needs; each outage is reported under one of these. */
public enum Dependency {
  /** The S3 endpoint holding the Iceberg data and metadata files. */
  OBJECT_STORE("object-store"),
  /** The PostgreSQL database of the Iceberg JDBC catalog. */
  CATALOG("catalog"),
  /** The schema registry the change events' Avro schemas come from. */
  REGISTRY("registry"),
  /** The Kafka cluster the topology reads and writes. */
  BROKER("broker");

  private final String label;

  Dependency(String label) {
    this.label = label;
  }

  /** The name in log lines, health and the {@code dependency} metric tag. */
  public String label() {
    return label;
  }
}

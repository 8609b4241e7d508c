package io.chronoshadow.bench;

import io.chronoshadow.devstack.DevStack;
import io.chronoshadow.devstack.DevStackConfig;
import io.chronoshadow.devstack.audit.SourceAudit;
import io.chronoshadow.devstack.workload.ShopSchema;
import io.chronoshadow.devstack.workload.ShopWorkload;
import io.chronoshadow.devstack.workload.WorkloadConfig;
import io.chronoshadow.shadow.app.ShadowStreamsConfig;
import io.chronoshadow.shadow.app.ShadowStreamsConfig.Keys;
import io.chronoshadow.shadow.catalog.CatalogSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The embedded stack every benchmark runs on (Kafka, PostgreSQL, s3proxy, the registry, Debezium
 * capture of the demo shop) in a temporary directory, and shadow-streams settings pointing at it.
 */
final class BenchStack implements AutoCloseable {

  private final Path dir;
  private final DevStack stack;
  private final ShopWorkload workload;
  private final SourceAudit audit;

  private BenchStack(Path dir, DevStack stack, ShopWorkload workload, SourceAudit audit) {
    this.dir = dir;
    this.stack = stack;
    this.workload = workload;
    this.audit = audit;
  }

  /** Starts the stack; the shop workload paces {@code ratePerSecond} flat (no daily cycle). */
  static BenchStack start(double ratePerSecond) throws IOException {
    return start(ratePerSecond, false);
  }

  /**
   * As {@link #start(double)}; {@code audited} installs the source audit (row triggers on the shop
   * tables, {@link #audit()}) before the first transaction, which costs every source write a
   * little.
   */
  static BenchStack start(double ratePerSecond, boolean audited) throws IOException {
    Path dir = Files.createTempDirectory("chrono-bench");
    WorkloadConfig config =
        WorkloadConfig.builder()
            .customers(200)
            .products(100)
            .baseRatePerSecond(ratePerSecond)
            .peakToTroughRatio(1)
            .burstProbability(0)
            .build();
    AtomicReference<ShopWorkload> created = new AtomicReference<>();
    AtomicReference<SourceAudit> installed = new AtomicReference<>();
    DevStack stack =
        DevStack.start(
            DevStackConfig.builderWithFreePorts(dir.resolve("stack")).build(),
            source -> {
              created.set(ShopWorkload.create(source, config).prepare());
              if (audited) {
                try {
                  installed.set(SourceAudit.install(source, ShopSchema.SCHEMA));
                } catch (SQLException e) {
                  throw new IllegalStateException("cannot install the source audit", e);
                }
              }
            });
    return new BenchStack(dir, stack, created.get(), installed.get());
  }

  /** The source audit, if the stack was started audited. */
  SourceAudit audit() {
    if (audit == null) {
      throw new IllegalStateException("the bench stack was started without the source audit");
    }
    return audit;
  }

  DevStack stack() {
    return stack;
  }

  ShopWorkload workload() {
    return workload;
  }

  Path dir() {
    return dir;
  }

  CatalogSettings catalog(String catalogName) {
    DevStackConfig c = stack.config();
    return new CatalogSettings(
        stack.s3Endpoint(),
        c.bucket(),
        c.s3AccessKey(),
        c.s3SecretKey(),
        stack.s3().region(),
        stack.catalogJdbcUrl(),
        c.postgresUser(),
        c.postgresPassword(),
        catalogName);
  }

  /** Settings of one shadow group on the stack, with a fresh application id and state. */
  ShadowStreamsConfig shadowConfig(
      String group, String topicPrefix, String policyJson, String outputPrefix) {
    CatalogSettings catalog = catalog("bench");
    Properties p = new Properties();
    p.setProperty(Keys.BOOTSTRAP_SERVERS, stack.bootstrapServers());
    p.setProperty(Keys.REGISTRY_URL, stack.registryUrl());
    p.setProperty(Keys.GROUP, group);
    p.setProperty(Keys.TOPIC_PREFIX, topicPrefix);
    p.setProperty(Keys.POLICY, policyJson);
    p.setProperty(Keys.APPLICATION_ID, "bench-" + group + "-" + UUID.randomUUID());
    p.setProperty(Keys.STATE_DIR, dir.resolve("streams-" + UUID.randomUUID()).toString());
    p.setProperty(Keys.TOPIC + "shadows", outputPrefix + ".shadows");
    p.setProperty(Keys.TOPIC + "stats", outputPrefix + ".shadow-stats");
    p.setProperty(Keys.TOPIC + "dlq", outputPrefix + ".dlq");
    p.setProperty(Keys.CATALOG + "endpoint", catalog.endpoint().toString());
    p.setProperty(Keys.CATALOG + "bucket", catalog.bucket());
    p.setProperty(Keys.CATALOG + "access-key", catalog.accessKey());
    p.setProperty(Keys.CATALOG + "secret-key", catalog.secretKey());
    p.setProperty(Keys.CATALOG + "region", catalog.region());
    p.setProperty(Keys.CATALOG + "jdbc-url", catalog.jdbcUrl());
    p.setProperty(Keys.CATALOG + "jdbc-user", catalog.jdbcUser());
    p.setProperty(Keys.CATALOG + "jdbc-password", catalog.jdbcPassword());
    p.setProperty(Keys.CATALOG + "name", catalog.catalogName());
    System.getProperties().stringPropertyNames().stream()
        .filter(k -> k.startsWith("bench.kafka."))
        .forEach(k -> p.setProperty(k.substring("bench.".length()), System.getProperty(k)));
    return ShadowStreamsConfig.fromProperties(p);
  }

  @Override
  public void close() {
    try {
      workload.close();
    } finally {
      stack.close();
      try (var paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // temporary directory: best effort
      }
    }
  }
}

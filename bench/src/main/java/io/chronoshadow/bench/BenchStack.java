package io.chronoshadow.bench;

import io.chronoshadow.devstack.DevStack;
import io.chronoshadow.devstack.DevStackConfig;
import io.chronoshadow.devstack.workload.ShopWorkload;
import io.chronoshadow.fixtures.source.AuditedSource;
import io.chronoshadow.fixtures.stack.ShopStack;
import io.chronoshadow.shadow.app.ShadowStreamsConfig;
import io.chronoshadow.shadow.app.ShadowStreamsConfig.Keys;
import io.chronoshadow.shadow.catalog.CatalogSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Properties;
import java.util.UUID;

/**
 * The embedded stack every benchmark runs on (Kafka, PostgreSQL, s3proxy, the registry, Debezium
 * capture of the demo shop) in a temporary directory, and shadow-streams settings pointing at it.
 */
final class BenchStack implements AutoCloseable {

  /** How long a whole-topic read may take: a benchmark's topics are far longer than a test's. */
  static final Duration READ_WITHIN = Duration.ofSeconds(60);

  private final Path dir;
  private final ShopStack shop;

  private BenchStack(Path dir, ShopStack shop) {
    this.dir = dir;
    this.shop = shop;
  }

  /** Starts the stack; the shop workload paces {@code ratePerSecond} flat (no daily cycle). */
  static BenchStack start(double ratePerSecond) throws IOException {
    return start(ratePerSecond, false);
  }

  /**
   * As {@link #start(double)}; {@code audited} installs the source audit (row triggers on the shop
   * tables, {@link #audited()}) before the first transaction, which costs every source write a
   * little.
   */
  static BenchStack start(double ratePerSecond, boolean audited) throws IOException {
    Path dir = Files.createTempDirectory("chrono-bench");
    ShopStack.Builder shop =
        ShopStack.on(dir.resolve("stack"), ShopStack.flatRate(200, 100, ratePerSecond));
    return new BenchStack(dir, (audited ? shop.audited() : shop).start());
  }

  /** The source audit, if the stack was started audited. */
  AuditedSource audited() {
    return shop.audited();
  }

  DevStack stack() {
    return shop.stack();
  }

  ShopWorkload workload() {
    return shop.workload();
  }

  Path dir() {
    return dir;
  }

  CatalogSettings catalog(String catalogName) {
    DevStack stack = shop.stack();
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
    DevStack stack = shop.stack();
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
      shop.close();
    } finally {
      try (var paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // temporary directory: best effort
      }
    }
  }
}

package io.chronoshadow.shadow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chronoshadow.devstack.DevStack;
import io.chronoshadow.devstack.workload.ShopSchema;
import io.chronoshadow.devstack.workload.ShopTable;
import io.chronoshadow.devstack.workload.ShopWorkload;
import io.chronoshadow.devstack.workload.WorkloadConfig;
import io.chronoshadow.fixtures.kafka.Topics;
import io.chronoshadow.fixtures.stack.ShopStack;
import io.chronoshadow.schemas.avro.ShadowCommitted;
import io.chronoshadow.schemas.avro.ShadowTableStats;
import io.chronoshadow.schemas.change.DecodeException;
import io.chronoshadow.schemas.registry.SchemaRegistryClient;
import io.chronoshadow.shadow.catalog.ShadowCatalog;
import io.chronoshadow.shadow.commit.CommitHook;
import io.chronoshadow.shadow.read.ShadowReader;
import io.chronoshadow.shadow.topology.ShadowTopics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path on the real embedded stack: the demo shop workload in PostgreSQL, Debezium into
 * Kafka (Avro through the registry), the shadow topology with exactly-once processing, Iceberg on
 * the stack's PostgreSQL catalog and s3proxy. Oracles: the latest shadow of every table equals
 * {@code SELECT *} on the source, and every shadow equals the independent replay of the change
 * topics up to its cut (which also proves no transaction is split across shadows). A poison record
 * produced into a change topic mid-run ends in the dead-letter topic with its reason.
 */
class ShadowStreamsIntegrationTest {

  private static final Duration BUCKET = Duration.ofSeconds(2);
  private static final byte[] POISON = {7, 7, 7, 'p', 'o', 'i', 's', 'o', 'n'};

  @TempDir static Path dir;

  private static ShopStack shop;
  private static DevStack stack;
  private static ShopWorkload workload;
  private static ShadowStreamsApp app;

  @BeforeAll
  static void start() {
    WorkloadConfig config = WorkloadConfig.builder().customers(40).products(25).build();
    shop = ShopStack.start(dir.resolve("stack"), config);
    stack = shop.stack();
    workload = shop.workload();
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
    if (shop != null) {
      shop.close();
    }
  }

  private static ShadowStreamsConfig config() {
    return StackShadows.config(
        StackShadows.properties(
            stack,
            "{\"type\":\"fixed\",\"interval\":\"" + BUCKET + "\"}",
            "shadow-it-" + UUID.randomUUID(),
            dir.resolve("streams")));
  }

  @Test
  void shadowsEqualTheSourceAndTheReplayOfTheChangeTopicsAcrossACrashAndARestart()
      throws Exception {
    ShadowStreamsConfig config = config();
    // Crash (a failing stream thread) in the middle of the second shadow's commit: one table is
    // committed, the others are not, and the Kafka transaction is aborted. The replacement thread
    // restores state, replays, and the committer skips what exists.
    AtomicBoolean crashed = new AtomicBoolean();
    Set<String> shadowsSeen = ConcurrentHashMap.newKeySet();
    CommitHook crashOnce =
        new CommitHook() {
          @Override
          public void beforeTable(String shadowId, String table) {
            shadowsSeen.add(shadowId);
          }

          @Override
          public void afterTable(String shadowId, String table) {
            if (shadowsSeen.size() == 2 && crashed.compareAndSet(false, true)) {
              throw new IllegalStateException("injected crash after " + table + " of " + shadowId);
            }
          }
        };
    app = ShadowStreamsApp.create(config, crashOnce);
    app.start();
    ShadowTopics topics = app.config().topics();
    // A fresh stack, and no shadow yet: only the start can have registered the output schemas.
    SchemaRegistryClient registry = new SchemaRegistryClient(stack.registryUrl());
    assertThat(
            registry.lookupId(topics.shadowsTopic() + "-value", ShadowCommitted.getClassSchema()))
        .isPositive();
    assertThat(registry.lookupId(topics.statsTopic() + "-value", ShadowTableStats.getClassSchema()))
        .isPositive();
    assertThat(app.metrics().lastSequence()).isZero();

    // Traffic in bursts across several 2 s buckets; a poison record in the middle; a clean
    // restart (same application id and state) half-way.
    for (int burst = 0; burst < 6; burst++) {
      workload.runSteps(25);
      if (burst == 2) {
        StackShadows.produce(
            stack,
            topics.prefix() + ".shop.orders",
            "poison".getBytes(StandardCharsets.UTF_8),
            POISON);
      }
      startNextBucket();
      if (burst == 2) {
        // The replacement thread recommits the crashed shadow (and goes on) before the restart.
        await().atMost(Duration.ofSeconds(60)).until(crashed::get);
        await().atMost(Duration.ofSeconds(60)).until(() -> app.metrics().lastSequence() >= 2);
        app.close();
        app = ShadowStreamsApp.create(config);
        app.start();
      }
    }

    ShadowCatalog catalog = ShadowCatalog.open(app.config().catalog());
    try {
      ShadowReader reader = new ShadowReader(catalog.catalog());
      // Quiesced: heartbeats close the last bucket; then the latest shadow equals the source.
      StackShadows.awaitLatestShadowEqualsTheSource(stack, app, reader, Duration.ofSeconds(60));
      long lastSequence = app.metrics().lastSequence();
      assertThat(lastSequence).as("several shadows").isGreaterThanOrEqualTo(4);

      // Every shadow equals the replay of the change topics up to its cut.
      ShadowReplay replay = StackShadows.replay(stack, topics, ShopSchema.TABLES);
      List<GenericRecord> shadows = StackShadows.avroRecords(stack, topics.shadowsTopic());
      assertThat(shadows).hasSizeGreaterThanOrEqualTo((int) lastSequence);
      assertThat(shadows.stream().map(r -> r.get("shadowId").toString()))
          .as("each shadow announced exactly once")
          .doesNotHaveDuplicates();
      long sequence = 0;
      for (GenericRecord shadow : shadows) {
        assertThat((long) shadow.get("sequence")).isEqualTo(++sequence);
        String shadowId = shadow.get("shadowId").toString();
        Instant cut = Instant.ofEpochMilli((long) shadow.get("cutTime"));
        for (ShopTable table : ShopSchema.TABLES) {
          assertThat(StackShadows.shadowRows(reader, table, shadowId))
              .as("shadow %s of %s", shadowId, table.qualifiedName())
              .isEqualTo(replay.stateAt(table.qualifiedName(), cut, table.primaryKey()));
        }
      }

      // The poison record is in the dead-letter topic with its reason and coordinates.
      List<ConsumerRecord<byte[], byte[]>> dead =
          Topics.readAll(stack.bootstrapServers(), topics.dlqTopic());
      assertThat(dead.stream().filter(r -> Arrays.equals(r.value(), POISON)))
          .as("dead-lettered exactly once")
          .hasSize(1);
      assertThat(dead)
          .anySatisfy(
              r -> {
                assertThat(r.value()).isEqualTo(POISON);
                assertThat(StackShadows.header(r, DecodeException.HEADER_REASON))
                    .isEqualTo("MALFORMED_BYTES");
                assertThat(StackShadows.header(r, DecodeException.HEADER_TOPIC))
                    .isEqualTo(topics.prefix() + ".shop.orders");
                assertThat(StackShadows.header(r, DecodeException.HEADER_OFFSET)).isNotNull();
              });
      assertThat(app.health().lateTransactions()).isZero();

      // An incompatible schema change (integer → text) stops that table's shadows visibly: its
      // change goes to the dead-letter topic, the table is counted as stopped, the others go on.
      long before = app.metrics().lastSequence();
      try (Connection c = stack.postgres().sourceDataSource().getConnection();
          Statement s = c.createStatement()) {
        s.execute(
            "ALTER TABLE shop.customers ALTER COLUMN loyalty_points DROP DEFAULT,"
                + " ALTER COLUMN loyalty_points TYPE text USING loyalty_points::text");
        s.execute(
            "UPDATE shop.customers SET full_name = full_name || ' Jr'"
                + " WHERE customer_id = (SELECT min(customer_id) FROM shop.customers)");
        s.execute(
            "UPDATE shop.products SET name = name || ' v2'"
                + " WHERE product_id = (SELECT min(product_id) FROM shop.products)");
      }
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                assertThat(app.health().stoppedTables()).isEqualTo(1);
                assertThat(app.metrics().lastSequence()).isGreaterThan(before);
              });
      // Visible to read_committed consumers once the Kafka transaction of that record commits.
      await()
          .atMost(Duration.ofSeconds(15))
          .untilAsserted(
              () ->
                  assertThat(Topics.readAll(stack.bootstrapServers(), topics.dlqTopic()))
                      .anySatisfy(
                          r -> {
                            assertThat(StackShadows.header(r, DecodeException.HEADER_REASON))
                                .isEqualTo("INCOMPATIBLE_SCHEMA");
                            assertThat(StackShadows.header(r, DecodeException.HEADER_TOPIC))
                                .isEqualTo(topics.prefix() + ".shop.customers");
                            assertThat(StackShadows.header(r, DecodeException.HEADER_DETAIL))
                                .contains("loyalty_points");
                          }));
      ShopTable products = ShopSchema.PRODUCTS;
      String latest = app.metrics().lastShadowId();
      assertThat(StackShadows.shadowRows(reader, products, latest))
          .isEqualTo(StackShadows.sourceRows(stack, products));
      // The stopped table is not tagged with shadows it takes no part in: its stale state must not
      // pass for part of a consistent shadow.
      assertThat(tagsOf(catalog, ShopSchema.CUSTOMERS)).doesNotContain(latest);
      assertThat(tagsOf(catalog, products)).contains(latest);
    } finally {
      catalog.close();
    }
  }

  private static Set<String> tagsOf(ShadowCatalog catalog, ShopTable table) {
    return catalog
        .catalog()
        .loadTable(StackShadows.icebergName(table).identifier())
        .refs()
        .keySet();
  }

  /**
   * Shapes the input, it does not synchronise: the next burst commits in a later 2 s bucket than
   * this one, so every burst yields its own shadow however fast the machine runs the steps.
   */
  private static void startNextBucket() throws InterruptedException {
    long bucket = BUCKET.toMillis();
    Thread.sleep(bucket - Math.floorMod(System.currentTimeMillis(), bucket) + 100);
  }
}

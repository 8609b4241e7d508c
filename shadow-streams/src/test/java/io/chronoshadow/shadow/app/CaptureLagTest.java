package io.chronoshadow.shadow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chronoshadow.devstack.DevStack;
import io.chronoshadow.devstack.capture.DebeziumCapture;
import io.chronoshadow.devstack.workload.ShopWorkload;
import io.chronoshadow.fixtures.kafka.Topics;
import io.chronoshadow.fixtures.stack.ShopStack;
import io.chronoshadow.schemas.change.ChangeEventDecoder;
import io.chronoshadow.schemas.change.TransactionEvent;
import io.chronoshadow.schemas.registry.SchemaRegistryClient;
import io.chronoshadow.shadow.catalog.ShadowCatalog;
import io.chronoshadow.shadow.read.ShadowReader;
import io.chronoshadow.shadow.topology.ShadowTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Invariant 1 under capture lag: capture is stopped for several buckets and heartbeat intervals
 * while the workload keeps committing, then started again; it publishes the backlog long after the
 * commits, interleaved with fresh heartbeats. Every shadow must still equal the source database as
 * of its cut — the oracle is PostgreSQL's own audit, not a replay of what capture published — and
 * no transaction may be late. With cuts closed by capture's heartbeat clock (as before), the
 * backlog moved into later shadows here.
 */
class CaptureLagTest {

  private static final Logger LOG = LoggerFactory.getLogger(CaptureLagTest.class);
  private static final Duration BUCKET = Duration.ofSeconds(2);
  private static final Duration OUTAGE = Duration.ofSeconds(8);
  private static final double RATE = 25;

  @TempDir static Path dir;

  private static ShopStack shop;
  private static DevStack stack;
  private static ShopWorkload workload;
  private static SourceOracle oracle;
  private static ShadowStreamsApp app;
  private static DebeziumCapture restartedCapture;

  @BeforeAll
  static void start() {
    shop = ShopStack.on(dir.resolve("stack"), ShopStack.flatRate(40, 25, RATE)).audited().start();
    stack = shop.stack();
    workload = shop.workload();
    oracle = SourceOracle.of(shop);
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
    if (restartedCapture != null) {
      restartedCapture.close();
    }
    if (shop != null) {
      shop.close();
    }
  }

  @Test
  void everyShadowEqualsTheSourceAtItsCutAfterCaptureFellBehind() throws Exception {
    app =
        ShadowStreamsApp.create(
            StackShadows.config(
                StackShadows.properties(
                    stack,
                    "{\"type\":\"fixed\",\"interval\":\"" + BUCKET + "\"}",
                    "capture-lag-" + UUID.randomUUID(),
                    dir.resolve("streams"))));
    app.start();
    ShadowTopics topics = app.config().topics();
    workload.start();
    await().atMost(Duration.ofSeconds(90)).until(() -> app.metrics().lastSequence() >= 3);

    // Capture stops (a connector restart, a broken network, a busy source…) while the source goes
    // on committing for several buckets and heartbeat intervals.
    stack.capture().close();
    long committedAtStop = workload.stats().committed();
    Instant stoppedAt = Instant.now();
    await()
        .atMost(OUTAGE.multipliedBy(4))
        .until(
            () ->
                Duration.between(stoppedAt, Instant.now()).compareTo(OUTAGE) >= 0
                    && workload.stats().committed() >= committedAtStop + 50);
    restartedCapture = DebeziumCapture.start(stack.captureSettings());
    long committedAtRestart = workload.stats().committed();
    LOG.info(
        "capture was down {} ms for {} transactions",
        Duration.between(stoppedAt, Instant.now()).toMillis(),
        committedAtRestart - committedAtStop);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> workload.stats().committed() >= committedAtRestart + 100);
    workload.stop();

    ShadowCatalog catalog = ShadowCatalog.open(app.config().catalog());
    try {
      ShadowReader reader = new ShadowReader(catalog.catalog());
      StackShadows.awaitLatestShadowEqualsTheSource(stack, app, reader, Duration.ofSeconds(90));

      // The lag was real: transactions reached Kafka seconds after they committed.
      assertThat(maxPublishDelay(topics)).isGreaterThan(OUTAGE.dividedBy(2));

      List<GenericRecord> shadows = StackShadows.avroRecords(stack, topics.shadowsTopic());
      assertThat(shadows.stream().map(r -> r.get("shadowId").toString())).doesNotHaveDuplicates();
      assertThat(shadows)
          .as("shadows cut while capture was down hold transactions")
          .anyMatch(
              r ->
                  (long) r.get("cutTime") > stoppedAt.toEpochMilli()
                      && (long) r.get("cutTime") < stoppedAt.plus(OUTAGE).toEpochMilli()
                      && (long) r.get("transactionCount") > 0);
      int compared = oracle.assertShadowsEqualSource(reader, shadows);
      LOG.info(
          "{} shadows, {} table states equal to the source at their cut", shadows.size(), compared);
      assertThat(shadows).extracting(r -> r.get("lateTransactions")).containsOnly(0L);
      assertThat(app.health().lateTransactions()).isZero();
    } finally {
      catalog.close();
    }
  }

  /** The longest time between a transaction's commit and its END reaching Kafka. */
  private static Duration maxPublishDelay(ShadowTopics topics) {
    ChangeEventDecoder decoder =
        new ChangeEventDecoder(new SchemaRegistryClient(stack.registryUrl()));
    long max = 0;
    for (ConsumerRecord<byte[], byte[]> r :
        Topics.readAll(stack.bootstrapServers(), topics.transactionTopic())) {
      if (decoder.decode(r) instanceof TransactionEvent tx
          && tx.status() == TransactionEvent.Status.END
          && tx.timestamp() != null) {
        max = Math.max(max, r.timestamp() - tx.timestamp().toEpochMilli());
      }
    }
    return Duration.ofMillis(max);
  }
}

package io.chronoshadow.shadow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chronoshadow.devstack.DevStack;
import io.chronoshadow.devstack.DevStackConfig;
import io.chronoshadow.devstack.capture.Heartbeats;
import io.chronoshadow.devstack.workload.ShopSchema;
import io.chronoshadow.devstack.workload.ShopTable;
import io.chronoshadow.devstack.workload.ShopWorkload;
import io.chronoshadow.devstack.workload.WorkloadConfig;
import io.chronoshadow.fixtures.connect.ConnectWorker;
import io.chronoshadow.fixtures.connect.PostgresConnectorConfig;
import io.chronoshadow.fixtures.kafka.Topics;
import io.chronoshadow.schemas.change.ChangeEventDecoder;
import io.chronoshadow.schemas.change.TransactionEvent;
import io.chronoshadow.shadow.app.ShadowStreamsConfig.Keys;
import io.chronoshadow.shadow.catalog.ShadowCatalog;
import io.chronoshadow.shadow.cut.ShadowIds;
import io.chronoshadow.shadow.read.ShadowReader;
import io.chronoshadow.shadow.topology.ShadowTopics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Invariant 1 on the production capture path (issue 11): Debezium's PostgreSQL connector in a real
 * Kafka Connect worker (child JVM, JSON with schemas, transaction metadata, heartbeat transactions
 * on the heartbeat table) feeding {@link ShadowStreamsApp} under {@code fixed(5 s)} while the shop
 * workload commits. The worker is killed with SIGKILL mid-stream and kept dead while the workload
 * goes on committing, then restarted: it replays from its last flushed offsets and streams the
 * backlog — transactions committed long before the capture process's clock says. Oracle: every
 * shadow equals the source database as of its cut (commit time &lt; cut), read from the source's
 * own audit of its commits, not from anything capture published.
 */
class ConnectCaptureCrashTest {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectCaptureCrashTest.class);

  private static final String GROUP = "erp";
  private static final String PREFIX = "erp";
  private static final Duration BUCKET = Duration.ofSeconds(5);
  private static final double RATE = 20;

  /** Transactions the workload commits while capture is dead: about 25 s, five buckets. */
  private static final long COMMITTED_WHILE_DEAD = 500;

  private static final Path LOGS = Path.of("target", "connect-test");

  @TempDir static Path dir;

  private static DevStack stack;
  private static ShopWorkload workload;
  private static SourceOracle oracle;
  private static ConnectWorker worker;
  private static ShadowStreamsApp app;

  @BeforeAll
  static void start() {
    AtomicReference<ShopWorkload> created = new AtomicReference<>();
    WorkloadConfig config =
        WorkloadConfig.builder()
            .customers(40)
            .products(25)
            .baseRatePerSecond(RATE)
            .peakToTroughRatio(1)
            .burstProbability(0)
            .build();
    stack =
        DevStack.start(
            DevStackConfig.builderWithFreePorts(dir.resolve("stack")).build(),
            source -> {
              created.set(ShopWorkload.create(source, config).prepare());
              // Before the workload's first transaction: the audit sees only what follows it.
              oracle = SourceOracle.install(source);
              createHeartbeatTable(source);
            });
    workload = created.get();
    // The stack's embedded capture (prefix demo, its own slot) keeps running beside the worker: the
    // stack cannot start without it, and stopping it waits out Debezium Embedded's shutdown.
    worker = new ConnectWorker(dir.resolve("connect"), LOGS, stack.bootstrapServers(), connector());
    worker.start().awaitTaskRunning();
    // The application refuses to start without the transaction topic; Connect creates it with the
    // first heartbeat transaction.
    awaitTopic(PREFIX + ".transaction");
    app = ShadowStreamsApp.create(appConfig());
    app.start();
  }

  @AfterAll
  static void stop() {
    if (worker != null) {
      worker.close();
    }
    if (app != null) {
      app.close();
    }
    if (workload != null) {
      workload.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void everyShadowEqualsTheSourceAsOfItsCutAcrossAKilledAndRestartedConnectWorker()
      throws Exception {
    workload.start();
    // Shadows flow on the live stream before the kill.
    await()
        .atMost(Duration.ofSeconds(90))
        .until(() -> app.metrics().lastSequence() >= 3 && workload.stats().committed() >= 100);
    awaitRecordsPublishedSinceTheLastOffsetFlush();

    long committedAtKill = workload.stats().committed();
    Instant killedAt = Instant.now();
    long pid = worker.pid();
    int exit = worker.kill();
    assertThat(exit).as("worker pid %d died of SIGKILL", pid).isEqualTo(137);
    // Dead for several buckets and far longer than a heartbeat interval, while the source commits.
    await()
        .atMost(Duration.ofSeconds(120))
        .until(() -> workload.stats().committed() >= committedAtKill + COMMITTED_WHILE_DEAD);
    Instant restartedAt = Instant.now();
    worker.start().awaitTaskRunning();
    LOG.info(
        "Connect worker killed at {} (pid {}), restarted at {} after {} transactions",
        killedAt,
        pid,
        restartedAt,
        workload.stats().committed() - committedAtKill);

    // Several shadows on the restarted worker's stream, then quiet.
    await()
        .atMost(Duration.ofSeconds(120))
        .until(() -> lastCut().filter(cut -> cut.isAfter(restartedAt.plus(BUCKET))).isPresent());
    workload.stop();
    Instant quietFrom = Instant.now(); // every workload transaction committed before this
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> lastCut().filter(cut -> cut.isAfter(quietFrom)).isPresent());

    ShadowTopics topics = app.config().topics();
    List<GenericRecord> shadows =
        StackShadows.avroRecords(stack, topics.shadowsTopic()).stream()
            .filter(r -> GROUP.equals(r.get("group").toString()))
            .toList();
    Map<String, Instant> cuts = new LinkedHashMap<>();
    shadows.forEach(r -> cuts.put(r.get("shadowId").toString(), cutOf(r)));
    List<String> differences = differencesFromTheSource(cuts);
    differences.forEach(d -> LOG.warn("shadow differs from the source: {}", d));

    // Every finding at once: on a broken topology the report shows all that is wrong.
    SoftAssertions softly = new SoftAssertions();
    softly
        .assertThat(differences)
        .as("shadows that differ from the source as of their cut (of %d)", cuts.size())
        .isEmpty();
    softly
        .assertThat(shadows.stream().map(r -> r.get("shadowId").toString()))
        .as("each shadow announced exactly once")
        .doesNotHaveDuplicates();
    softly
        .assertThat(cuts.values())
        .as("shadows cut while the worker was dead")
        .anyMatch(cut -> cut.isAfter(killedAt) && cut.isBefore(restartedAt));
    softly.assertThat(app.health().lateTransactions()).as("late transactions").isZero();
    // The kill landed while records were in flight: the restarted worker published again what its
    // predecessor had published after its last offset flush.
    softly
        .assertThat(duplicatedTransactions(topics))
        .as("transactions whose END the restarted worker published again")
        .isPositive();
    softly
        .assertThat(app.health().duplicateEvents())
        .as("duplicate change events dropped")
        .isPositive();
    softly.assertAll();
  }

  /** One line per (shadow, table) whose rows differ from the source's as of the shadow's cut. */
  private static List<String> differencesFromTheSource(Map<String, Instant> cuts) throws Exception {
    List<String> differences = Collections.synchronizedList(new ArrayList<>());
    try (ShadowCatalog catalog = ShadowCatalog.open(app.config().catalog())) {
      ShadowReader reader = new ShadowReader(catalog.catalog());
      List<Callable<Void>> checks = new ArrayList<>();
      cuts.forEach(
          (shadowId, cut) -> {
            for (ShopTable table : ShopSchema.TABLES) {
              checks.add(
                  () -> {
                    Map<String, Map<String, String>> actual =
                        StackShadows.shadowRows(reader, GROUP, table, shadowId);
                    Map<String, Map<String, String>> expected = oracle.rowsAt(table, cut);
                    if (!actual.equals(expected)) {
                      differences.add(describe(shadowId, table, expected, actual));
                    }
                    return null;
                  });
            }
          });
      StackShadows.runAll(checks);
    }
    List<String> sorted = new ArrayList<>(differences);
    Collections.sort(sorted);
    return sorted;
  }

  private static PostgresConnectorConfig connector() {
    DevStackConfig c = stack.config();
    List<String> tables =
        Stream.concat(
                ShopSchema.TABLES.stream().map(ShopTable::qualifiedName),
                Stream.of(Heartbeats.TABLE))
            .toList();
    return new PostgresConnectorConfig(
        "erp-source",
        stack.postgres().host(),
        stack.postgres().port(),
        c.sourceDatabase(),
        c.postgresUser(),
        c.postgresPassword(),
        PREFIX,
        tables,
        Heartbeats.actionQuery());
  }

  private static ShadowStreamsConfig appConfig() {
    Properties p =
        StackShadows.properties(
            stack,
            "{\"type\":\"fixed\",\"interval\":\"" + BUCKET + "\"}",
            "connect-crash-" + UUID.randomUUID(),
            dir.resolve("streams"));
    p.setProperty(Keys.GROUP, GROUP);
    p.setProperty(Keys.TOPIC_PREFIX, PREFIX);
    return StackShadows.config(p);
  }

  /**
   * The heartbeat table, created by whoever sets up capture: here the Connect path, which must not
   * rely on the stack's embedded capture having created it.
   */
  private static void createHeartbeatTable(DataSource source) {
    try (Connection c = source.getConnection();
        Statement s = c.createStatement()) {
      s.execute(Heartbeats.createTableSql());
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the heartbeat table", e);
    }
  }

  /**
   * Waits until the worker has flushed offsets once and has published records since its latest
   * flush: a kill then certainly leaves records that the restarted worker publishes again, the path
   * this test is about. Without the wait a kill could land right after a flush that covered all
   * that was published (the worker stalled on a loaded machine), and nothing would be repeated.
   */
  private static void awaitRecordsPublishedSinceTheLastOffsetFlush() {
    TopicPartition tp = new TopicPartition(app.config().topics().transactionTopic(), 0);
    AtomicReference<FileTime> flushSeen = new AtomicReference<>();
    long[] endAtFlush = {0};
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
      await()
          .atMost(ConnectWorker.OFFSET_FLUSH.multipliedBy(6))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                Path offsets = worker.offsetFile();
                if (!Files.exists(offsets)) {
                  return false;
                }
                FileTime flushed = Files.getLastModifiedTime(offsets);
                long end =
                    admin.listOffsets(Map.of(tp, OffsetSpec.latest())).all().get().get(tp).offset();
                if (!flushed.equals(flushSeen.get())) {
                  // A (new) flush: only what is published from now on is certainly not in it.
                  flushSeen.set(flushed);
                  endAtFlush[0] = end;
                  return false;
                }
                return end >= endAtFlush[0] + 20; // BEGIN and END of 10 transactions
              });
    }
  }

  private static void awaitTopic(String topic) {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> admin.listTopics().names().get().contains(topic));
    }
  }

  private static java.util.Optional<Instant> lastCut() {
    return java.util.Optional.ofNullable(app.metrics().lastShadowId()).map(ShadowIds::cutTime);
  }

  private static Instant cutOf(GenericRecord shadow) {
    return Instant.ofEpochMilli((long) shadow.get("cutTime"));
  }

  /** Transaction ids whose END record is on the transaction topic more than once. */
  private static long duplicatedTransactions(ShadowTopics topics) {
    ChangeEventDecoder decoder = ChangeEventDecoder.jsonOnly();
    Map<String, Integer> ends = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r :
        Topics.readAll(stack.bootstrapServers(), topics.transactionTopic())) {
      if (decoder.decode(r) instanceof TransactionEvent tx
          && tx.status() == TransactionEvent.Status.END) {
        ends.merge(tx.id(), 1, Integer::sum);
      }
    }
    return ends.values().stream().filter(n -> n > 1).count();
  }

  private static String describe(
      String shadowId,
      ShopTable table,
      Map<String, Map<String, String>> expected,
      Map<String, Map<String, String>> actual) {
    long missing = expected.keySet().stream().filter(k -> !actual.containsKey(k)).count();
    long extra = actual.keySet().stream().filter(k -> !expected.containsKey(k)).count();
    long changed =
        expected.entrySet().stream()
            .filter(e -> actual.containsKey(e.getKey()))
            .filter(e -> !e.getValue().equals(actual.get(e.getKey())))
            .count();
    return String.format(
        "%s %s: %d rows expected, %d in the shadow; %d missing, %d extra, %d different",
        shadowId, table.qualifiedName(), expected.size(), actual.size(), missing, extra, changed);
  }
}

package io.chronoshadow.shadow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chronoshadow.devstack.DevStack;
import io.chronoshadow.devstack.workload.ShopSchema;
import io.chronoshadow.devstack.workload.ShopTable;
import io.chronoshadow.devstack.workload.ShopWorkload;
import io.chronoshadow.devstack.workload.WorkloadConfig;
import io.chronoshadow.fixtures.stack.ShopStack;
import io.chronoshadow.schemas.change.ChangeEvent;
import io.chronoshadow.shadow.catalog.ShadowCatalog;
import io.chronoshadow.shadow.read.ShadowReader;
import io.chronoshadow.shadow.topology.ManualRequests;
import io.chronoshadow.shadow.topology.ShadowTopics;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bucket policies end to end on the real stack (PostgreSQL, Debezium, Kafka, registry, Iceberg on
 * s3proxy), one shadow-streams application for the whole class, never restarted. The rate is driven
 * by direct SQL (one product update per transaction, so changes = transactions); every assertion is
 * on event time — cut times against the commit times of the driving transactions, read back from
 * the change topic — never on the wall clock.
 *
 * <ol>
 *   <li>adaptive: a rate stepping low → high → low makes intervals shrink, then grow, within [min,
 *       max];
 *   <li>a policy changed through the compacted policies topic changes the next cut, without a
 *       restart; fixed: cuts then fall on the UTC-aligned grid;
 *   <li>a manual cut requested through the requests topic yields a shadow at that time;
 *   <li>a transaction on two tables that straddles a boundary lands whole in the later shadow;
 *   <li>idle tables (one that only ever had its snapshot rows, and every shop table but products)
 *       hold nothing back, and every shadow of every table equals the replay of the change topics
 *       up to its cut; the last equals the source.
 * </ol>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShadowPoliciesIntegrationTest {

  private static final Duration MIN = Duration.ofSeconds(1);
  private static final Duration MAX = Duration.ofSeconds(4);
  private static final int TARGET_CHANGES = 24;
  private static final Duration FIXED = Duration.ofSeconds(3);

  /** A table that has snapshot rows and never changes while the test runs. */
  private static final ShopTable IDLE = new ShopTable("shop", "idle_codes", List.of("code"));

  private static final List<ShopTable> TABLES =
      Stream.concat(ShopSchema.TABLES.stream(), Stream.of(IDLE)).toList();

  @TempDir static Path dir;

  private static ShopStack shop;
  private static DevStack stack;
  private static ShopWorkload workload;
  private static ShadowStreamsApp app;
  private static ShadowTopics topics;

  @BeforeAll
  static void start() {
    WorkloadConfig config = WorkloadConfig.builder().customers(20).products(25).build();
    shop =
        ShopStack.on(dir.resolve("stack"), config)
            .onSource(ShadowPoliciesIntegrationTest::createIdleTable)
            .start();
    stack = shop.stack();
    workload = shop.workload();
    String adaptive =
        "{\"type\":\"adaptive\",\"min\":\""
            + MIN
            + "\",\"max\":\""
            + MAX
            + "\",\"targetChanges\":"
            + TARGET_CHANGES
            + ",\"smoothing\":0.8}";
    Properties properties =
        StackShadows.properties(
            stack, adaptive, "shadow-policies-" + UUID.randomUUID(), dir.resolve("streams"));
    app = ShadowStreamsApp.create(StackShadows.config(properties));
    topics = app.config().topics();
    app.start();
  }

  private static void createIdleTable(DataSource source) {
    try (Connection c = source.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS shop.idle_codes (code text PRIMARY KEY, label text NOT NULL)");
      s.execute("ALTER TABLE shop.idle_codes REPLICA IDENTITY FULL");
      s.execute(
          "INSERT INTO shop.idle_codes VALUES ('a', 'alpha'), ('b', 'beta'), ('c', 'gamma')"
              + " ON CONFLICT DO NOTHING");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
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

  @Test
  @Order(1)
  void adaptiveIntervalsShrinkUnderAHighRateAndGrowBackWithinMinAndMax() throws Exception {
    drive("low1", 4, Duration.ofSeconds(10));
    drive("high", 100, Duration.ofSeconds(10));
    drive("low2", 4, Duration.ofSeconds(14));
    ShadowReplay replay = replay();
    Instant highStart = first(replay, "high");
    Instant highEnd = last(replay, "high");
    Instant lowEnd = last(replay, "low2");
    awaitCutAfter(lowEnd);

    List<Bucket> buckets = buckets(replay, first(replay, "low1"), lowEnd);
    assertThat(
            StackShadows.avroRecords(stack, topics.shadowsTopic()).get(0).get("transactionCount"))
        .as("shadow 1 is the baseline alone: the snapshot ended before any traffic")
        .isEqualTo(0L);
    assertThat(buckets)
        .as("every bucket within [min, max]")
        .allSatisfy(b -> assertThat(b.length()).isBetween(MIN, MAX));
    // Low rate (4 changes/s, target 24 → 6 s): the longest bucket allowed — after the first one,
    // opened by the first transaction and as short as allowed because no rate is known yet (the
    // baseline shadow before it says nothing about the rate). The bucket open when the rate jumps
    // keeps the length it was given.
    Instant lowStart = first(replay, "low1");
    assertThat(buckets.get(0).start()).isEqualTo(lowStart);
    assertThat(buckets.get(0).length()).isEqualTo(MIN);
    List<Duration> low1 =
        lengths(buckets, b -> b.start().isAfter(lowStart) && !b.end().isAfter(highStart));
    assertThat(low1).isNotEmpty().allSatisfy(d -> assertThat(d).isEqualTo(MAX));
    // High rate (up to 100 changes/s → 0.24 s): as short as allowed once the rate is measured;
    // a loaded machine that drives fewer still gets buckets well under the low ones.
    List<Duration> high =
        lengths(buckets, b -> b.start().isAfter(highStart.plus(MAX)) && b.end().isBefore(highEnd));
    assertThat(high)
        .hasSizeGreaterThanOrEqualTo(3)
        .allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(MIN.multipliedBy(2)))
        .contains(MIN);
    // Low again: the smoothed rate decays, intervals grow back to the maximum.
    List<Duration> low2 =
        lengths(buckets, b -> b.start().isAfter(highEnd) && !b.end().isAfter(lowEnd));
    assertThat(low2).hasSizeGreaterThanOrEqualTo(3);
    assertThat(low2.get(0)).isLessThan(MAX);
    assertThat(low2).isSorted();
    assertThat(low2.get(low2.size() - 1)).isEqualTo(MAX);
  }

  @Test
  @Order(2)
  void aPolicyChangedThroughTheTopicChangesTheNextCutWithoutRestartAndFixedCutsAreAligned()
      throws Exception {
    long sequenceBefore = app.metrics().lastSequence();
    Instant changedAt =
        send(
            topics.policiesTopic(),
            "shop",
            "{\"group\":\"shop\",\"type\":\"fixed\",\"interval\":\"" + FIXED + "\"}");
    drive("fixed", 4, Duration.ofSeconds(14));
    ShadowReplay replay = replay();
    Instant end = last(replay, "fixed");
    awaitCutAfter(end);

    List<Instant> cuts =
        cuts().stream().filter(c -> c.isAfter(changedAt) && !c.isAfter(end)).toList();
    assertThat(cuts).hasSizeGreaterThanOrEqualTo(3);
    // The bucket open when the policy arrived keeps its (adaptive) cut: at most MAX later.
    assertThat(cuts.get(0)).isBeforeOrEqualTo(changedAt.plus(MAX).plusSeconds(1));
    // From the next cut on: every 3 s on the UTC grid (the traffic fills every bucket).
    List<Instant> fixed = cuts.subList(1, cuts.size());
    assertThat(fixed)
        .allSatisfy(c -> assertThat(c.toEpochMilli() % FIXED.toMillis()).as("%s", c).isZero());
    for (int i = 1; i < fixed.size(); i++) {
      assertThat(Duration.between(fixed.get(i - 1), fixed.get(i))).isEqualTo(FIXED);
    }
    assertThat(app.metrics().lastSequence()).isGreaterThan(sequenceBefore);
  }

  @Test
  @Order(3)
  void aManualCutRequestedThroughTheTopicYieldsAShadowAtThatTime() throws Exception {
    // Traffic in the bucket before and on both sides of a request half-way through the next one.
    Instant boundary = nextBoundary(Instant.now().plusSeconds(2));
    sleepUntil(boundary.minusMillis(1500));
    drive("manual-before", 4, Duration.ofMillis(3000));
    String requestId = "manual-" + UUID.randomUUID();
    Instant requestedAt =
        send(topics.requestsTopic(), null, ManualRequests.toJson("shop", requestId, null));
    drive("manual-after", 4, Duration.ofSeconds(5));
    ShadowReplay replay = replay();
    awaitCutAfter(last(replay, "manual-after"));

    GenericRecord manual =
        StackShadows.avroRecords(stack, topics.shadowsTopic()).stream()
            .filter(r -> r.get("trigger").toString().equals("MANUAL"))
            .filter(r -> r.get("requestIds").toString().contains(requestId))
            .findFirst()
            .orElseThrow();
    // Without requestedAt, the request's record timestamp is the requested time.
    assertThat(Instant.ofEpochMilli((long) manual.get("cutTime"))).isEqualTo(requestedAt);
    assertThat(requestedAt.toEpochMilli() % FIXED.toMillis()).isNotZero();
    // Manual cuts only add boundaries: the scheduled ones around it stay on the grid.
    List<Instant> cuts = cuts();
    int at = cuts.indexOf(requestedAt);
    assertThat(cuts.get(at - 1).toEpochMilli() % FIXED.toMillis()).isZero();
    assertThat(cuts.get(at + 1).toEpochMilli() % FIXED.toMillis()).isZero();
    assertThat(Duration.between(cuts.get(at - 1), cuts.get(at + 1))).isEqualTo(FIXED);
    // Its contents are checked with every other shadow's in the last test.
  }

  @Test
  @Order(4)
  void aTransactionOnTwoTablesStraddlingABoundaryLandsWholeInTheLaterShadow() throws Exception {
    Instant boundary = nextBoundary(Instant.now().plusSeconds(2));
    DataSource source = stack.postgres().sourceDataSource();
    sleepUntil(boundary.minusMillis(600));
    try (Connection straddling = source.getConnection();
        Connection other = source.getConnection()) {
      straddling.setAutoCommit(false);
      update(straddling, "UPDATE shop.products SET name = 'straddle' WHERE product_id = 1");
      sleepUntil(boundary.minusMillis(300));
      update(other, "UPDATE shop.products SET name = 'before-boundary' WHERE product_id = 2");
      sleepUntil(boundary.plusMillis(300));
      update(straddling, "UPDATE shop.customers SET full_name = 'Straddle' WHERE customer_id = 1");
      straddling.commit();
    }
    drive("straddle-after", 4, Duration.ofSeconds(4));
    awaitCutAfter(last(replay(), "straddle-after"));

    String before = shadowIdAt(boundary);
    String after = shadowIdAt(boundary.plus(FIXED));
    try (ShadowCatalog catalog = ShadowCatalog.open(app.config().catalog())) {
      ShadowReader reader = new ShadowReader(catalog.catalog());
      Map<String, Map<String, String>> productsBefore =
          StackShadows.shadowRows(reader, ShopSchema.PRODUCTS, before);
      Map<String, Map<String, String>> customersBefore =
          StackShadows.shadowRows(reader, ShopSchema.CUSTOMERS, before);
      assertThat(productsBefore.get("product_id=2;")).containsEntry("name", "before-boundary");
      assertThat(productsBefore.get("product_id=1;")).doesNotContainEntry("name", "straddle");
      assertThat(customersBefore.get("customer_id=1;"))
          .doesNotContainEntry("full_name", "Straddle");
      assertThat(StackShadows.shadowRows(reader, ShopSchema.PRODUCTS, after).get("product_id=1;"))
          .containsEntry("name", "straddle");
      assertThat(StackShadows.shadowRows(reader, ShopSchema.CUSTOMERS, after).get("customer_id=1;"))
          .containsEntry("full_name", "Straddle");
    }
  }

  @Test
  @Order(5)
  void idleTablesHoldNothingBackAndEveryShadowEqualsTheReplayOfTheChangeTopics() throws Exception {
    ShadowReplay replay = replay();
    List<GenericRecord> shadows = StackShadows.avroRecords(stack, topics.shadowsTopic());
    assertThat(shadows).hasSizeGreaterThanOrEqualTo(20);
    Map<String, Map<String, String>> idleRows = StackShadows.sourceRows(stack, IDLE);
    assertThat(idleRows).hasSize(3);
    assertThat(replay.events(IDLE.qualifiedName()))
        .as("the idle table only ever had its snapshot rows")
        .allSatisfy(e -> assertThat(e.transactionId()).isNull());
    try (ShadowCatalog catalog = ShadowCatalog.open(app.config().catalog())) {
      ShadowReader reader = new ShadowReader(catalog.catalog());
      List<Callable<Void>> reads = new ArrayList<>();
      for (GenericRecord shadow : shadows) {
        String shadowId = shadow.get("shadowId").toString();
        Instant cut = Instant.ofEpochMilli((long) shadow.get("cutTime"));
        for (ShopTable table : TABLES) {
          reads.add(
              () -> {
                assertThat(StackShadows.shadowRows(reader, table, shadowId))
                    .as("%s of %s", shadowId, table.qualifiedName())
                    .isEqualTo(replay.stateAt(table.qualifiedName(), cut, table.primaryKey()));
                return null;
              });
        }
      }
      StackShadows.runAll(reads);
      String last = shadows.get(shadows.size() - 1).get("shadowId").toString();
      for (ShopTable table : TABLES) {
        assertThat(StackShadows.shadowRows(reader, table, last))
            .as("latest shadow of %s", table.qualifiedName())
            .isEqualTo(StackShadows.sourceRows(stack, table));
      }
    }
    assertThat(app.health().lateTransactions()).isZero();
    assertThat(app.health().deadLettered()).isZero();
  }

  // ---- traffic ------------------------------------------------------------------------------

  /**
   * {@code perSecond} single-row transactions for {@code length}, paced on the wall clock: each
   * renames a product to {@code <phase>-<n>}, so that the phase's commit times can be read back
   * from the change topic.
   */
  private static void drive(String phase, double perSecond, Duration length) throws Exception {
    long start = System.nanoTime();
    long count = (long) (perSecond * length.toMillis() / 1000);
    try (Connection c = stack.postgres().sourceDataSource().getConnection();
        PreparedStatement update =
            c.prepareStatement("UPDATE shop.products SET name = ? WHERE product_id = ?")) {
      for (long n = 0; n < count; n++) {
        long due = start + (long) (n * 1e9 / perSecond);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        update.setString(1, phase + "-" + n);
        update.setLong(2, 3 + n % 20);
        update.executeUpdate();
      }
    }
  }

  private static void update(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate(sql);
    }
  }

  private static Instant send(String topic, String key, String value) throws Exception {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
            new StringSerializer(),
            new StringSerializer())) {
      RecordMetadata sent = producer.send(new ProducerRecord<>(topic, key, value)).get();
      return Instant.ofEpochMilli(sent.timestamp());
    }
  }

  // ---- reading back -------------------------------------------------------------------------

  private static ShadowReplay replay() {
    return StackShadows.replay(stack, topics, TABLES);
  }

  /**
   * Commit time of the first event of a driving phase (from the products change topic), in
   * milliseconds like the transaction times cuts are planned on.
   */
  private static Instant first(ShadowReplay replay, String phase) {
    return phaseEvents(replay, phase).get(0).commitTime().truncatedTo(ChronoUnit.MILLIS);
  }

  private static Instant last(ShadowReplay replay, String phase) {
    List<ChangeEvent> events = phaseEvents(replay, phase);
    return events.get(events.size() - 1).commitTime().truncatedTo(ChronoUnit.MILLIS);
  }

  private static List<ChangeEvent> phaseEvents(ShadowReplay replay, String phase) {
    List<ChangeEvent> events =
        replay.events(ShopSchema.PRODUCTS.qualifiedName()).stream()
            .filter(e -> e.after() != null)
            .filter(e -> String.valueOf(e.after().get("name")).startsWith(phase + "-"))
            .toList();
    assertThat(events).as("events of phase %s", phase).isNotEmpty();
    return events;
  }

  /** Cut times announced on the shadows topic, in sequence order. */
  private static List<Instant> cuts() {
    return StackShadows.avroRecords(stack, topics.shadowsTopic()).stream()
        .map(r -> Instant.ofEpochMilli((long) r.get("cutTime")))
        .toList();
  }

  private static String shadowIdAt(Instant cut) {
    return StackShadows.avroRecords(stack, topics.shadowsTopic()).stream()
        .filter(r -> (long) r.get("cutTime") == cut.toEpochMilli())
        .map(r -> r.get("shadowId").toString())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no shadow cut at " + cut));
  }

  /** Until a shadow whose cut is after {@code time} is announced (heartbeats close it). */
  private static void awaitCutAfter(Instant time) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> cuts().stream().anyMatch(c -> c.isAfter(time)));
  }

  /**
   * A bucket of the adaptive schedule: it ends at a cut and starts at the previous cut, or — when
   * the bucket before it closed empty — at the first transaction after that cut.
   */
  record Bucket(Instant start, Instant end) {
    Duration length() {
      return Duration.between(start, end);
    }
  }

  private static List<Bucket> buckets(ShadowReplay replay, Instant from, Instant until) {
    List<Instant> transactions = replay.transactionTimes();
    List<GenericRecord> shadows = StackShadows.avroRecords(stack, topics.shadowsTopic());
    List<Bucket> buckets = new ArrayList<>();
    for (int i = 1; i < shadows.size(); i++) {
      Instant previous = Instant.ofEpochMilli((long) shadows.get(i - 1).get("cutTime"));
      Instant cut = Instant.ofEpochMilli((long) shadows.get(i).get("cutTime"));
      if (cut.isBefore(from) || cut.isAfter(until.plus(MAX))) {
        continue;
      }
      // After the baseline alone (no transactions, no rate), and after an empty bucket (an idle
      // stretch: cuts more than MAX apart), the bucket was opened by the next transaction.
      boolean opened =
          (long) shadows.get(i - 1).get("transactionCount") == 0
              || Duration.between(previous, cut).compareTo(MAX) > 0;
      Instant start =
          opened
              ? transactions.stream().filter(t -> !t.isBefore(previous)).findFirst().orElseThrow()
              : previous;
      buckets.add(new Bucket(start, cut));
    }
    return buckets;
  }

  private static List<Duration> lengths(
      List<Bucket> buckets, java.util.function.Predicate<Bucket> which) {
    return buckets.stream().filter(which).map(Bucket::length).toList();
  }

  private static Instant nextBoundary(Instant after) {
    long step = FIXED.toMillis();
    return Instant.ofEpochMilli(Math.floorDiv(after.toEpochMilli(), step) * step + step);
  }

  private static void sleepUntil(Instant when) throws InterruptedException {
    long millis = Duration.between(Instant.now(), when).toMillis();
    if (millis > 0) {
      Thread.sleep(millis);
    }
  }
}

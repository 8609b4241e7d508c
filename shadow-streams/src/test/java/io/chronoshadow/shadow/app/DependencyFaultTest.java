package io.chronoshadow.shadow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.chronoshadow.devstack.DevStack;
import io.chronoshadow.devstack.DevStackConfig;
import io.chronoshadow.devstack.postgres.EmbeddedPostgresServer;
import io.chronoshadow.devstack.workload.ShopWorkload;
import io.chronoshadow.fixtures.stack.ShopStack;
import io.chronoshadow.shadow.app.ShadowStreamsConfig.Keys;
import io.chronoshadow.shadow.catalog.ShadowCatalog;
import io.chronoshadow.shadow.cut.ShadowIds;
import io.chronoshadow.shadow.dependency.Dependency;
import io.chronoshadow.shadow.dependency.DependencyStatus;
import io.chronoshadow.shadow.read.ShadowReader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Issue 17, "dependency faults", on the real stack with the shop workload running under {@code
 * fixed(2 s)}: the object store down 60 s, the catalog's PostgreSQL down 60 s, the registry down 20
 * s, a broker restart, and a restart of the source PostgreSQL. The catalog has a PostgreSQL server
 * of its own here (the dev stack keeps both databases in one server), so that "catalog unavailable"
 * and "source restarted" are two faults, as they are in production.
 *
 * <p>For each: the app reports the outage (health lists the dependency, {@code
 * chrono.shadow.dependency.up} drops to 0, the outage counter moves), logs it in a bounded number
 * of lines of ours, keeps running without help, and commits a shadow at most 10 s after the
 * dependency is back (the measured figure is printed). Afterwards no shadow is announced twice and
 * every shadow equals the source as of its cut (PostgreSQL's own audit), the latest one every
 * table.
 */
class DependencyFaultTest {

  private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(DependencyFaultTest.class);
  // Long enough that committing the shadows an outage held back takes less time than cutting them
  // (a 60 s outage leaves ~15), so the app catches up between the faults in half a minute.
  private static final Duration BUCKET = Duration.ofSeconds(4);
  private static final Duration LONG_OUTAGE = Duration.ofSeconds(60);
  private static final Duration REGISTRY_OUTAGE = Duration.ofSeconds(20);
  private static final Duration BROKER_OUTAGE = Duration.ofSeconds(10);
  private static final Duration RECOVERY_BOUND = Duration.ofSeconds(10);
  // One WARN when the outage starts, one INFO when it ends, and slack for a thread that gave up.
  private static final int MAX_LINES_PER_OUTAGE = 4;
  private static final double RATE = 20;

  @TempDir static Path dir;

  private static ShopStack shop;
  private static DevStack stack;
  private static EmbeddedPostgresServer catalogDb;
  private static ShopWorkload workload;
  private static SourceOracle oracle;
  private static ShadowStreamsApp app;
  private static final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private static final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private static final Set<Dependency> seenInHealth = ConcurrentHashMap.newKeySet();
  private static final Set<Dependency> seenGaugeDown = ConcurrentHashMap.newKeySet();
  private static ScheduledExecutorService sampler;
  private static final Map<String, Long> recoveryMillis = new LinkedHashMap<>();
  // When each shadow was announced on the shadows topic (read committed): a commit counts once the
  // Kafka transaction announcing it is committed, not when Iceberg has it.
  private static final List<Long> announcedAt = new CopyOnWriteArrayList<>();
  private static final List<Instant> announcedCuts = new CopyOnWriteArrayList<>();
  private static Thread announcements;
  private static volatile boolean stopping;

  @BeforeAll
  static void start() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    logs.start();
    root.addAppender(logs);
    shop = ShopStack.on(dir.resolve("stack"), ShopStack.flatRate(40, 25, RATE)).audited().start();
    stack = shop.stack();
    workload = shop.workload();
    oracle = SourceOracle.of(shop);
    catalogDb = startCatalogDb(0);
  }

  private static EmbeddedPostgresServer startCatalogDb(int port) {
    DevStackConfig c = stack.config();
    return EmbeddedPostgresServer.start(
        dir.resolve("catalog-pg"),
        port,
        c.postgresUser(),
        c.postgresPassword(),
        "unused",
        c.catalogDatabase());
  }

  @AfterAll
  static void stop() {
    stopping = true;
    if (sampler != null) {
      sampler.shutdownNow();
    }
    if (announcements != null) {
      try {
        announcements.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (app != null) {
      app.close();
    }
    if (shop != null) {
      shop.close();
    }
    if (catalogDb != null) {
      catalogDb.close();
    }
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
  }

  @Test
  void everyOutageIsReportedOnceAndWaitedOutWithNothingLostOrDuplicated() throws Exception {
    long t0 = System.nanoTime();
    Properties p =
        StackShadows.properties(
            stack,
            "{\"type\":\"fixed\",\"interval\":\"" + BUCKET + "\"}",
            "dependency-faults-" + UUID.randomUUID(),
            dir.resolve("streams"));
    p.setProperty(Keys.CATALOG + "jdbc-url", catalogDb.catalogJdbcUrl());
    app = ShadowStreamsApp.create(StackShadows.config(p));
    app.dependencies().bindTo(meters);
    app.kafkaStreams()
        .setStateListener((now, before) -> LOG.info("streams state {} -> {}", before, now));
    app.start();
    announcements = new Thread(() -> tail(app.config().topics().shadowsTopic()), "shadows-tail");
    announcements.setDaemon(true);
    announcements.start();
    sampler = Executors.newSingleThreadScheduledExecutor();
    sampler.scheduleAtFixedRate(DependencyFaultTest::sample, 0, 100, TimeUnit.MILLISECONDS);
    workload.start();
    await().atMost(Duration.ofSeconds(90)).until(() -> app.metrics().lastSequence() >= 2);

    fault(
        "object store down 60 s",
        Dependency.OBJECT_STORE,
        () -> stack.stop(DevStack.Service.S3),
        LONG_OUTAGE,
        () -> stack.start(DevStack.Service.S3));
    int catalogPort = catalogDb.port();
    fault(
        "catalog PostgreSQL down 60 s",
        Dependency.CATALOG,
        () -> catalogDb.close(),
        LONG_OUTAGE,
        () -> catalogDb = startCatalogDb(catalogPort));
    fault(
        "registry down 20 s",
        Dependency.REGISTRY,
        () -> stack.stop(DevStack.Service.REGISTRY),
        REGISTRY_OUTAGE,
        () -> stack.start(DevStack.Service.REGISTRY));
    // A broker restart as a rolling restart or a crash looks to clients: gone for some seconds.
    fault(
        "broker restart, down 10 s",
        Dependency.BROKER,
        () -> stack.stop(DevStack.Service.KAFKA),
        BROKER_OUTAGE,
        () -> stack.start(DevStack.Service.KAFKA));
    // Not a dependency of the app (capture's): no outage of ours to report, but the shadows must
    // go on once capture has reconnected.
    fault(
        "source PostgreSQL restart",
        null,
        () -> stack.stop(DevStack.Service.POSTGRES),
        Duration.ZERO,
        () -> stack.start(DevStack.Service.POSTGRES));

    long committedAfterFaults = workload.stats().committed();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> workload.stats().committed() >= committedAfterFaults + 60);
    workload.stop();

    ShadowCatalog catalog = ShadowCatalog.open(app.config().catalog());
    try {
      ShadowReader reader = new ShadowReader(catalog.catalog());
      StackShadows.awaitLatestShadowEqualsTheSource(stack, app, reader, Duration.ofSeconds(90));
      List<GenericRecord> shadows =
          StackShadows.avroRecords(stack, app.config().topics().shadowsTopic());
      assertThat(shadows.stream().map(r -> r.get("shadowId").toString())).doesNotHaveDuplicates();
      // One shadow per check, four at a time: the reads dominate the test's tail.
      List<Callable<Void>> checks = new ArrayList<>();
      AtomicInteger compared = new AtomicInteger();
      for (GenericRecord shadow : shadows) {
        checks.add(
            () -> {
              compared.addAndGet(oracle.assertShadowsEqualSource(reader, List.of(shadow)));
              return null;
            });
      }
      StackShadows.runAll(checks);
      assertThat(shadows).extracting(r -> r.get("lateTransactions")).containsOnly(0L);
      ShadowHealth health = app.health();
      assertThat(health.lateTransactions()).isZero();
      assertThat(health.deadLettered()).as("dead letters").isZero();
      assertThat(health.outages()).isEmpty();
      assertThat(health.status()).isEqualTo("ok");
      LOG.info(
          "dependency faults: recovery (dependency back -> first shadow commit) {} ms; {} shadows,"
              + " {} table states equal to the source at their cut; test took {} s",
          recoveryMillis,
          shadows.size(),
          compared,
          Duration.ofNanos(System.nanoTime() - t0).toSeconds());
      System.out.println("DEPENDENCY-FAULTS recovery ms " + recoveryMillis);
    } finally {
      catalog.close();
    }
  }

  private interface Step {
    void run() throws Exception;
  }

  /**
   * Stops a dependency for {@code outage} (at least as long as stopping and starting take), starts
   * it again and checks what the app made of it; {@code dependency} null for a fault the app has no
   * outage of its own for.
   */
  private static void fault(
      String name, Dependency dependency, Step stop, Duration outage, Step start) throws Exception {
    awaitCaughtUp();
    long outagesBefore = dependency == null ? 0 : app.dependencies().outages(dependency);
    int logMark = logSize();
    seenInHealth.clear();
    seenGaugeDown.clear();
    LOG.info("fault: {}", name);
    long stoppedAt = System.nanoTime();
    stop.run();
    if (dependency != null && outage.compareTo(Duration.ofSeconds(5)) > 0) {
      // Reported while the outage lasts, not only afterwards.
      await()
          .atMost(outage.minusSeconds(2))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> seenInHealth.contains(dependency) && seenGaugeDown.contains(dependency));
      assertThat(app.health().status()).isEqualTo("degraded");
      assertThat(app.health().dependencyProblems()).anyMatch(l -> l.startsWith(dependency.label()));
    }
    long remaining = outage.toNanos() - (System.nanoTime() - stoppedAt);
    if (remaining > 0) {
      Thread.sleep(TimeUnit.NANOSECONDS.toMillis(remaining)); // the fault's length, not a wait
    }
    start.run();
    long backAt = System.nanoTime();
    // The source's restart holds no shadow back: what must resume there is new data, i.e. a shadow
    // cut after the restart. For the others, the shadows the outage held back.
    Instant cutAfter = dependency == null ? Instant.now() : null;
    try {
      await()
          .atMost(RECOVERY_BOUND)
          .pollInterval(Duration.ofMillis(50))
          .until(() -> announcedAfter(backAt, cutAfter) != null);
    } catch (ConditionTimeoutException e) {
      LOG.error(
          "no shadow announced within {} after {} was back: state {}, health {}, {} announced,"
              + " shadows topic end offsets uncommitted {} committed {}",
          RECOVERY_BOUND,
          name,
          app.state(),
          app.health(),
          announcedAt.size(),
          endOffset("read_uncommitted"),
          endOffset("read_committed"));
      throw e;
    }
    long recovered = TimeUnit.NANOSECONDS.toMillis(announcedAfter(backAt, cutAfter) - backAt);
    recoveryMillis.put(name, recovered);
    LOG.info(
        "fault {}: down {} ms, first shadow commit {} ms after it was back",
        name,
        TimeUnit.NANOSECONDS.toMillis(backAt - stoppedAt),
        recovered);
    System.out.printf("DEPENDENCY-FAULT %s: first commit %d ms after back%n", name, recovered);
    if (dependency == null) {
      assertThat(app.health().outages()).isEmpty();
      return;
    }
    await()
        .atMost(RECOVERY_BOUND)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> app.dependencies().isUp(dependency));
    assertThat(seenInHealth)
        .as("health named %s during the outage", dependency)
        .contains(dependency);
    assertThat(seenGaugeDown).as("gauge of %s went to 0", dependency).contains(dependency);
    assertThat(app.dependencies().outages(dependency)).isEqualTo(outagesBefore + 1);
    assertThat(
            meters
                .get("chrono.shadow.dependency.outages")
                .tag("dependency", dependency.label())
                .functionCounter()
                .count())
        .isEqualTo(outagesBefore + 1.0);
    List<ILoggingEvent> window = logsSince(logMark);
    // Every warning of ours in the window, and the outage lines (the recovery is INFO).
    List<String> ours =
        window.stream()
            .filter(e -> e.getLoggerName().startsWith("io.chronoshadow.shadow"))
            .filter(e -> !e.getLoggerName().equals(DependencyFaultTest.class.getName()))
            .filter(
                e ->
                    e.getLevel().isGreaterOrEqual(Level.WARN)
                        || e.getLoggerName().equals(DependencyStatus.class.getName()))
            .map(e -> e.getLevel() + " " + e.getFormattedMessage())
            .toList();
    long others =
        window.stream()
            .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
            .filter(e -> !e.getLoggerName().startsWith("io.chronoshadow"))
            .count();
    LOG.info("fault {}: our lines {}; {} WARN+ lines of other libraries", name, ours, others);
    assertThat(ours).as("log lines about %s", dependency).hasSizeBetween(2, MAX_LINES_PER_OUTAGE);
    assertThat(ours).anyMatch(l -> l.startsWith("WARN") && l.contains("unavailable"));
    assertThat(ours).anyMatch(l -> l.startsWith("INFO") && l.contains("available again after"));
    assertThat(window)
        .as("no stack trace of ours for a known outage")
        .noneMatch(
            e ->
                e.getLoggerName().startsWith("io.chronoshadow.shadow")
                    && e.getThrowableProxy() != null);
  }

  /**
   * The shadows an earlier fault held back are committed: the newest announced shadow is at most a
   * few buckets old, so that the next measure is not one of the backlog's commits.
   */
  private static void awaitCaughtUp() {
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              String last = app.metrics().lastShadowId();
              return last != null
                  && ShadowIds.cutTime(last).isAfter(Instant.now().minus(BUCKET.multipliedBy(3)));
            });
  }

  private static long endOffset(String isolation) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            stack.bootstrapServers(),
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            isolation);
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition tp = new TopicPartition(app.config().topics().shadowsTopic(), 0);
      return consumer.endOffsets(List.of(tp)).get(tp);
    }
  }

  /**
   * When the first shadow announced after {@code nanos} was, or null; with {@code cutAfter}, the
   * first whose cut is after that time (one that holds transactions committed after it).
   */
  private static Long announcedAfter(long nanos, Instant cutAfter) {
    for (int i = 0; i < announcedAt.size(); i++) {
      long at = announcedAt.get(i);
      if (at - nanos > 0 && (cutAfter == null || announcedCuts.get(i).isAfter(cutAfter))) {
        return at;
      }
    }
    return null;
  }

  private static void tail(String topic) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    while (!stopping) {
      try (KafkaConsumer<byte[], byte[]> consumer =
          new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
        TopicPartition partition = new TopicPartition(topic, 0);
        consumer.assign(List.of(partition));
        consumer.seek(partition, announcedAt.size());
        while (!stopping) {
          ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
          int n = records.count();
          long now = System.nanoTime();
          for (ConsumerRecord<byte[], byte[]> r : records) {
            // The key is the shadow id, which names the cut.
            announcedCuts.add(ShadowIds.cutTime(new String(r.key(), StandardCharsets.UTF_8)));
            announcedAt.add(now);
          }
          if (n > 0) {
            LOG.info("{} shadow(s) announced, {} in all", n, announcedAt.size());
          }
        }
      } catch (RuntimeException e) {
        LOG.warn("tailing {} failed, starting over: {}", topic, e.toString());
      }
    }
  }

  private static void sample() {
    for (DependencyStatus.Outage o : app.health().outages()) {
      seenInHealth.add(o.dependency());
    }
    for (Dependency d : EnumSet.allOf(Dependency.class)) {
      double up =
          meters.get("chrono.shadow.dependency.up").tag("dependency", d.label()).gauge().value();
      if (up == 0) {
        seenGaugeDown.add(d);
      }
    }
  }

  private static int logSize() {
    synchronized (logs) {
      return logs.list.size();
    }
  }

  private static List<ILoggingEvent> logsSince(int mark) {
    synchronized (logs) {
      return new ArrayList<>(logs.list.subList(mark, logs.list.size()));
    }
  }
}

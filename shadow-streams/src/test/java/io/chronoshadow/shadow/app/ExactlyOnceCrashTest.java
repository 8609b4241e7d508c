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
import io.chronoshadow.schemas.change.ChangeEventDecoder;
import io.chronoshadow.schemas.change.DecodedRecord;
import io.chronoshadow.schemas.change.TransactionEvent;
import io.chronoshadow.schemas.registry.SchemaRegistryClient;
import io.chronoshadow.shadow.app.ShadowStreamsConfig.Keys;
import io.chronoshadow.shadow.catalog.ShadowCatalog;
import io.chronoshadow.shadow.commit.ShadowSummary;
import io.chronoshadow.shadow.cut.ShadowIds;
import io.chronoshadow.shadow.history.ChangeHistory;
import io.chronoshadow.shadow.history.HistoryEntry;
import io.chronoshadow.shadow.history.HistoryTable;
import io.chronoshadow.shadow.history.KeyChange;
import io.chronoshadow.shadow.read.ShadowReader;
import io.chronoshadow.shadow.topology.ShadowTopics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.apache.avro.generic.GenericRecord;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Invariant 2, exactly once, with real kill -9: the shadow topology runs in a child JVM ({@link
 * ShadowChild}) against the embedded stack while the shop workload runs, and is killed with SIGKILL
 * ({@link Process#destroyForcibly()}) at {@value #KILLS} seeded random points (and up to {@value
 * #MAX_EXTRA_KILLS} more, aimed at a phase too few kills landed in), restarting on the same state
 * directory each time. Each kill is aimed at the write phase (a table's Parquet files being
 * written), the commit phase (its catalog commit: snapshot and tag) or right after a table's
 * catalog commit (others not yet done, the Kafka transaction not committed), after the restarted
 * child has completed 0–2 whole shadows, a random number of such points and a random delay; the
 * child prints a marker at each point, and the phase a kill landed in is the aimed table's last
 * marker. The test asserts that kills landed in both phases and that some left a shadow committed
 * on some tables only.
 *
 * <p>Then it proves, against oracles computed without the topology: the shadow ids are exactly the
 * buckets of the transactions in the topic (none missing, none extra), each announced once, in
 * order; every table holds at most one snapshot per shadow id and a tag for every shadow (none
 * committed twice); every shadow of every table equals the replay of the change topics up to its
 * cut; the last one equals {@code SELECT *} on the source. Finally the change topics are replayed
 * from scratch into a fresh catalog (new bucket, new catalog name, new application id, new output
 * topics), which gives the same shadow ids and contents.
 *
 * <p>The seed is logged; {@code -Dchrono.crash.seed=<seed>} repeats a run's kill points (not its
 * timing). Child logs are kept in {@code target/crash-test/}.
 */
class ExactlyOnceCrashTest {

  private static final Logger LOG = LoggerFactory.getLogger(ExactlyOnceCrashTest.class);

  private static final Duration BUCKET = Duration.ofSeconds(2);

  /** The workload runs this long, the kills go on through the backlog it leaves. */
  private static final Duration TRAFFIC = Duration.ofSeconds(20);

  /** A child idle this long (backlog done) gets a little more traffic, so that kills find work. */
  private static final Duration IDLE = Duration.ofSeconds(8);

  /** Child logs are kept here (the test's temporary directory is deleted). */
  private static final Path LOGS = Path.of("target", "crash-test");

  private static final int KILLS = 10;
  // Kills aimed at a phase can land after it on a loaded machine; up to this many more kills are
  // aimed at a phase that the planned ones left short of its quota.
  private static final int MAX_EXTRA_KILLS = 6;
  private static final int KILLS_PER_PHASE = 3;

  /** What a shadow commit does, each with its own markers: every table, and the change history. */
  private static final int PARTS = ShopSchema.TABLES.size() + 1;

  /** How long the child pauses after a W or C marker, so that an aimed kill lands in the phase. */
  private static final long PHASE_DELAY_MILLIS = 80;

  /** A kill comes up to this long after its marker: inside the pause, or in the work after it. */
  private static final int MAX_KILL_DELAY_MILLIS = 200;

  /** Markers of the aimed kind let pass before the kill: 0 … this − 1. */
  private static final int MAX_SKIPPED_MARKERS = 5;

  /** Shadows a restarted child completes before its kill is aimed: 0 … this − 1. */
  private static final int MAX_SHADOWS_FIRST = 3;

  @TempDir static Path dir;

  private static ShopStack shop;
  private static DevStack stack;
  private static ShopWorkload workload;

  enum Phase {
    WRITE,
    COMMIT,
    OTHER
  }

  /** What a kill is aimed at: a marker kind, and how long after it the kill may come. */
  enum Aim {
    /** Files being written. */
    WRITE("W", MAX_KILL_DELAY_MILLIS),
    /** The catalog commit (snapshot + tag). */
    COMMIT("C", MAX_KILL_DELAY_MILLIS),
    /** Right after a table's catalog commit: some tables done, others not, Kafka not yet. */
    AFTER_TABLE("D", 20);

    final String marker;
    final int maxDelayMillis;

    Aim(String marker, int maxDelayMillis) {
      this.marker = marker;
      this.maxDelayMillis = maxDelayMillis;
    }
  }

  record Marker(String kind, String shadowId, String table) {
    Phase phase() {
      return switch (kind) {
        case "W" -> Phase.WRITE;
        case "C", "D" -> Phase.COMMIT;
        default -> Phase.OTHER;
      };
    }
  }

  record Kill(
      int number,
      Aim aimedAt,
      int shadowsFirst,
      int skipped,
      long delayMillis,
      Marker landedAfter,
      int tablesTagged,
      int tablesStarted) {

    /**
     * The kill left its shadow committed on some tables and not on others: of the tables whose
     * write for it had started (a first shadow may hold only some of the group's tables).
     */
    boolean partial() {
      return tablesTagged > 0 && tablesTagged < tablesStarted;
    }
  }

  @BeforeAll
  static void start() {
    WorkloadConfig config = WorkloadConfig.builder().customers(40).products(25).build();
    shop = ShopStack.start(dir.resolve("stack"), config);
    stack = shop.stack();
    workload = shop.workload();
  }

  @AfterAll
  static void stop() {
    if (shop != null) {
      shop.close();
    }
  }

  @Test
  void killedAtRandomPointsOfWriteAndCommitTheShadowsAreExactlyThoseOfAnUninterruptedReplay()
      throws Exception {
    long seed = Long.getLong("chrono.crash.seed", new SecureRandom().nextLong());
    LOG.warn("crash test seed {} (repeat with -Dchrono.crash.seed={})", seed, seed);
    Random random = new Random(seed);
    long started = System.nanoTime();
    String policy = "{\"type\":\"fixed\",\"interval\":\"" + BUCKET + "\"}";
    Properties properties =
        StackShadows.properties(
            stack, policy, "shadow-crash-" + UUID.randomUUID(), dir.resolve("child-state"));
    // Static membership: a restarted child takes over its predecessor's place in the consumer
    // group at once instead of waiting for the killed member's session to time out.
    properties.setProperty(Keys.KAFKA + "group.instance.id", "shadow-crash-child");
    Path propertiesFile = dir.resolve("child.properties");
    try (OutputStream out = Files.newOutputStream(propertiesFile)) {
      properties.store(out, "ExactlyOnceCrashTest child");
    }
    ShadowStreamsConfig config = StackShadows.config(properties);
    ShadowTopics topics = config.topics();
    deleteRecursively(LOGS);
    Files.createDirectories(LOGS);

    AtomicBoolean stopWorkload = new AtomicBoolean();
    long trafficEnd = System.nanoTime() + TRAFFIC.toNanos();
    Thread traffic = new Thread(() -> runWorkload(stopWorkload, trafficEnd), "crash-test-workload");
    traffic.start();
    List<Kill> kills = new ArrayList<>();
    // The next child warms up (standby) while the current one runs; it starts the application only
    // once its predecessor is dead.
    Child next = Child.start(propertiesFile, LOGS.resolve("child-1.log"));
    try (ShadowCatalog catalog = ShadowCatalog.open(config.catalog())) {
      // 5 kills aimed at the write phase, 3 at the catalog commit, 2 right after a table's commit.
      List<Aim> plan = new ArrayList<>();
      for (int i = 0; i < KILLS; i++) {
        plan.add(i < 5 ? Aim.WRITE : i < 8 ? Aim.COMMIT : Aim.AFTER_TABLE);
      }
      Collections.shuffle(plan, random);
      for (int i = 0; i < KILLS + MAX_EXTRA_KILLS; i++) {
        Aim aim = i < KILLS ? plan.get(i) : shortPhase(kills);
        if (aim == null) {
          break; // every phase has its quota
        }
        int first = random.nextInt(MAX_SHADOWS_FIRST);
        int skip = random.nextInt(MAX_SKIPPED_MARKERS);
        long delay = random.nextInt(aim.maxDelayMillis);
        try (Child child = next) {
          child.go();
          String log = "child-" + (i + 2) + ".log";
          next = Child.start(propertiesFile, LOGS.resolve(log));
          child.await(
              markers -> target(markers, first, aim.marker, skip) != null, () -> nudge(traffic));
          Thread.sleep(delay);
          child.kill();
          // Tables commit side by side: the phase the kill landed in is that of the aimed table.
          Marker aimed = target(child.markers(), first, aim.marker, skip);
          Marker last = child.lastOf(aimed.shadowId(), aimed.table());
          Kill kill =
              new Kill(
                  i + 1,
                  aim,
                  first,
                  skip,
                  delay,
                  last,
                  tablesTagged(catalog, last.shadowId()),
                  tablesStarted(child.markers(), last.shadowId()));
          kills.add(kill);
          LOG.warn(
              "kill {}: aimed at {} after {} whole shadows, {} skipped markers + {} ms; landed"
                  + " after {} {} {} ({}); shadow tagged on {} of the {} tables it had started",
              kill.number(),
              aim,
              first,
              skip,
              delay,
              last.kind(),
              last.shadowId(),
              last.table(),
              last.phase(),
              kill.tablesTagged(),
              kill.tablesStarted());
        }
      }
    } catch (RuntimeException | Error | InterruptedException e) {
      next.close();
      throw e;
    } finally {
      stopWorkload.set(true);
      traffic.join();
    }
    LOG.warn("{} kills in {} s", kills.size(), seconds(started));
    assertThat(kills).hasSizeBetween(KILLS, KILLS + MAX_EXTRA_KILLS);
    assertThat(kills)
        .as("kills that landed in the write phase")
        .filteredOn(k -> k.landedAfter().phase() == Phase.WRITE)
        .hasSizeGreaterThanOrEqualTo(KILLS_PER_PHASE);
    assertThat(kills)
        .as("kills that landed in the commit phase")
        .filteredOn(k -> k.landedAfter().phase() == Phase.COMMIT)
        .hasSizeGreaterThanOrEqualTo(KILLS_PER_PHASE);
    assertThat(kills)
        .as("kills that left a shadow committed on some tables only")
        .anyMatch(Kill::partial);

    // The oracle, from the topics as capture left them; then one more restart, run to the end.
    awaitCaptureIdle(topics.transactionTopic());
    ShadowReplay oracle = StackShadows.replay(stack, topics, ShopSchema.TABLES);
    SortedSet<Instant> cuts = oracle.fixedCutTimes(BUCKET);
    List<String> expectedIds = cuts.stream().map(t -> ShadowIds.of(StackShadows.GROUP, t)).toList();
    LOG.warn("{} shadows expected from the transaction topic", expectedIds.size());
    assertThat(expectedIds).as("shadows of the run").hasSizeGreaterThanOrEqualTo(KILLS / 2);
    String lastId = expectedIds.get(expectedIds.size() - 1);
    try (Child child = next) {
      child.go();
      child.await(
          markers ->
              markers.stream()
                      .filter(m -> m.kind().equals("D") && m.shadowId().equals(lastId))
                      .count()
                  >= PARTS,
          () -> {});
      awaitAnnounced(topics.shadowsTopic(), lastId);
      child.stop();
    }
    LOG.warn("final run caught up at {} s", seconds(started));
    try (var logs = Files.list(LOGS)) {
      assertThat(logs.filter(ExactlyOnceCrashTest::reportsLateTransactions).toList())
          .as("children that saw a transaction arrive after the cut its commit time belongs to")
          .isEmpty();
    }

    // From scratch: the same topics into fresh tables (new bucket and catalog), under a new
    // application id, with its own outputs; it runs while the crash run is checked.
    stack.s3().createBucketIfAbsent("chrono-replay");
    Properties fresh = new Properties();
    fresh.putAll(properties);
    fresh.remove(Keys.KAFKA + "group.instance.id");
    fresh.setProperty(Keys.APPLICATION_ID, "shadow-replay-" + UUID.randomUUID());
    fresh.setProperty(Keys.STATE_DIR, dir.resolve("replay-state").toString());
    fresh.setProperty(Keys.CATALOG + "bucket", "chrono-replay");
    fresh.setProperty(Keys.CATALOG + "name", "replay");
    fresh.setProperty(Keys.TOPIC + "shadows", "replay.shadows");
    fresh.setProperty(Keys.TOPIC + "stats", "replay.shadow-stats");
    fresh.setProperty(Keys.TOPIC + "dlq", "replay.dlq");
    ShadowStreamsConfig replayConfig = StackShadows.config(fresh);
    try (ShadowStreamsApp replay = ShadowStreamsApp.create(replayConfig)) {
      replay.start();
      assertShadows(config, oracle, cuts, expectedIds);
      LOG.warn("crash run verified at {} s", seconds(started));
      awaitAnnounced(replayConfig.topics().shadowsTopic(), lastId);
    }
    LOG.warn("replay from scratch done at {} s", seconds(started));
    assertShadows(replayConfig, oracle, cuts, expectedIds);
    LOG.warn("replay verified at {} s", seconds(started));
  }

  /**
   * The shadows of one run, against the oracle: announced once each, in order; per table a tag for
   * every shadow and at most one snapshot per shadow id; contents equal to the replay up to each
   * cut; the last equal to the source.
   */
  private static void assertShadows(
      ShadowStreamsConfig config,
      ShadowReplay oracle,
      SortedSet<Instant> cuts,
      List<String> expectedIds)
      throws Exception {
    List<GenericRecord> announced = StackShadows.avroRecords(stack, config.topics().shadowsTopic());
    assertThat(announced.stream().map(r -> r.get("shadowId").toString()).toList())
        .as("shadows announced on %s, once each, in order", config.topics().shadowsTopic())
        .containsExactlyElementsOf(expectedIds);
    for (int i = 0; i < announced.size(); i++) {
      assertThat(announced.get(i).get("sequence")).isEqualTo((long) i + 1);
    }
    try (ShadowCatalog catalog = ShadowCatalog.open(config.catalog())) {
      ShadowReader reader = new ShadowReader(catalog.catalog());
      for (ShopTable source : ShopSchema.TABLES) {
        Table table = catalog.catalog().loadTable(StackShadows.icebergName(source).identifier());
        Map<String, Integer> snapshotsPerShadow = new TreeMap<>();
        for (Snapshot snapshot : table.snapshots()) {
          ShadowSummary.shadowId(snapshot)
              .ifPresent(id -> snapshotsPerShadow.merge(id, 1, Integer::sum));
        }
        assertThat(snapshotsPerShadow)
            .as("%s: snapshots per shadow id (none committed twice)", table.name())
            .allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
        assertThat(expectedIds).containsAll(snapshotsPerShadow.keySet());
        // Every shadow from the table's first one (a table is created with its first row: an
        // empty source table is not part of a baseline shadow; that it was empty before is
        // checked against the replay below).
        Instant first = StackShadows.firstShadowCut(reader, source).orElseThrow();
        assertThat(
                table.refs().entrySet().stream()
                    .filter(e -> e.getValue().isTag())
                    .map(Map.Entry::getKey)
                    .sorted()
                    .toList())
            .as("%s: a tag for every shadow (none missing)", table.name())
            .containsExactlyElementsOf(
                expectedIds.stream()
                    .filter(id -> !ShadowIds.cutTime(id).isBefore(first))
                    .sorted()
                    .toList());
      }
      // Every (shadow, table) read, four at a time: each is a full Iceberg scan at the tag.
      List<Callable<Void>> reads = new ArrayList<>();
      int i = 0;
      for (Instant cut : cuts) {
        String shadowId = expectedIds.get(i++);
        for (ShopTable table : ShopSchema.TABLES) {
          reads.add(
              () -> {
                assertThat(StackShadows.shadowRows(reader, table, shadowId))
                    .as("%s of %s", shadowId, table.qualifiedName())
                    .isEqualTo(oracle.stateAt(table.qualifiedName(), cut, table.primaryKey()));
                return null;
              });
        }
      }
      StackShadows.runAll(reads);
      String last = expectedIds.get(expectedIds.size() - 1);
      for (ShopTable table : ShopSchema.TABLES) {
        assertThat(StackShadows.shadowRows(reader, table, last))
            .as("last shadow %s of %s equals the source", last, table.qualifiedName())
            .isEqualTo(StackShadows.sourceRows(stack, table));
      }
      assertHistory(catalog, oracle, cuts, expectedIds);
    }
  }

  /**
   * The change history, committed with the shadows: one snapshot per shadow (never two), one row
   * per (shadow, table, key), and each shadow's rows exactly the replay's net changes between the
   * previous cut and its own — every key whose row differs has one, with the previous row as its
   * before-image and the new one as its after-image.
   */
  private static void assertHistory(
      ShadowCatalog catalog,
      ShadowReplay oracle,
      SortedSet<Instant> cuts,
      List<String> expectedIds) {
    Table table = catalog.catalog().loadTable(HistoryTable.identifier(StackShadows.GROUP));
    Map<String, Integer> snapshotsPerShadow = new TreeMap<>();
    for (Snapshot snapshot : table.snapshots()) {
      snapshotsPerShadow.merge(ShadowSummary.shadowId(snapshot).orElseThrow(), 1, Integer::sum);
    }
    assertThat(snapshotsPerShadow)
        .as("history snapshots per shadow id")
        .allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
    assertThat(expectedIds).containsAll(snapshotsPerShadow.keySet());
    ChangeHistory history = new ChangeHistory(catalog.catalog());
    for (ShopTable source : ShopSchema.TABLES) {
      Map<String, Map<String, KeyChange>> byShadow = new TreeMap<>();
      for (HistoryEntry e :
          history.changes(StackShadows.GROUP, source.qualifiedName(), Instant.EPOCH, Instant.MAX)) {
        assertThat(
                byShadow
                    .computeIfAbsent(e.shadowId(), id -> new TreeMap<>())
                    .put(e.change().rowKey(), e.change()))
            .as("one history row per shadow and key: %s %s", e.shadowId(), e.change().rowKey())
            .isNull();
      }
      Map<String, Map<String, String>> before = Map.of();
      int i = 0;
      for (Instant cut : cuts) {
        String shadowId = expectedIds.get(i++);
        Map<String, Map<String, String>> after = oracle.historyStateAt(source.qualifiedName(), cut);
        Map<String, KeyChange> rows = byShadow.getOrDefault(shadowId, Map.of());
        for (String key : union(before.keySet(), after.keySet())) {
          if (!Objects.equals(before.get(key), after.get(key))) {
            assertThat(rows)
                .as("%s of %s: a history row for changed key %s", shadowId, source, key)
                .containsKey(key);
          }
        }
        for (KeyChange row : rows.values()) {
          String what = shadowId + " " + source.qualifiedName() + " " + row.rowKey();
          assertThat(row.after()).as("after-image, " + what).isEqualTo(after.get(row.rowKey()));
          boolean existed = before.containsKey(row.rowKey());
          assertThat(row.op())
              .as("op, " + what)
              .isIn(
                  existed
                      ? List.of(KeyChange.ChangeOp.UPDATE, KeyChange.ChangeOp.DELETE)
                      : List.of(KeyChange.ChangeOp.INSERT, KeyChange.ChangeOp.SNAPSHOT));
          if (existed) {
            assertThat(row.before())
                .as("before-image, " + what)
                .isEqualTo(before.get(row.rowKey()));
          }
        }
        before = after;
      }
    }
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new TreeSet<>(a);
    all.addAll(b);
    return all;
  }

  /**
   * Capture has published everything: the shop's transactions on the transaction topic stopped
   * growing (heartbeat transactions go on coming, and say nothing about the shop).
   */
  /** The aim for a kill beyond the plan: a phase that too few kills landed in, else null. */
  private static Aim shortPhase(List<Kill> kills) {
    for (Phase phase : List.of(Phase.WRITE, Phase.COMMIT)) {
      long landed = kills.stream().filter(k -> k.landedAfter().phase() == phase).count();
      if (landed < KILLS_PER_PHASE) {
        return phase == Phase.WRITE ? Aim.WRITE : Aim.COMMIT;
      }
    }
    return null;
  }

  private static void awaitCaptureIdle(String transactionTopic) {
    ChangeEventDecoder decoder =
        new ChangeEventDecoder(new SchemaRegistryClient(stack.registryUrl()));
    long[] last = {-1};
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () -> {
              long size =
                  Topics.readAll(stack.bootstrapServers(), transactionTopic).stream()
                      .filter(r -> isShopTransaction(decoder.decode(r)))
                      .count();
              boolean stable = size == last[0];
              last[0] = size;
              return stable;
            });
  }

  private static boolean isShopTransaction(DecodedRecord record) {
    return record instanceof TransactionEvent tx
        && tx.status() == TransactionEvent.Status.END
        && tx.dataCollections().stream()
            .anyMatch(c -> !c.dataCollection().equals(ShadowStreamsConfig.DEFAULT_HEARTBEAT_TABLE));
  }

  /** The shadow's record is committed on the shadows topic (read_committed). */
  private static void awaitAnnounced(String shadowsTopic, String shadowId) {
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                StackShadows.avroRecords(stack, shadowsTopic).stream()
                    .anyMatch(r -> r.get("shadowId").toString().equals(shadowId)));
  }

  private static boolean reportsLateTransactions(Path log) {
    try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
      return lines.anyMatch(l -> l.contains(" arrived after shadow "));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long seconds(long sinceNanos) {
    return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - sinceNanos);
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (Files.exists(directory)) {
      try (var paths = Files.walk(directory)) {
        for (Path p : paths.sorted(Collections.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  /** More transactions for an idle child, once the traffic thread has finished. */
  private static void nudge(Thread traffic) {
    if (!traffic.isAlive()) {
      LOG.warn("child idle: {} more workload steps", 10);
      workload.runSteps(10);
    }
  }

  /**
   * The {@code skip + 1}-th marker of {@code kind} after the point where this child completed
   * {@code shadows} shadows (a shadow is complete once every table and the history reported D);
   * null before.
   */
  private static Marker target(List<Marker> markers, int shadows, String kind, int skip) {
    int from = 0;
    if (shadows > 0) {
      Map<String, Integer> tablesDone = new TreeMap<>();
      int done = 0;
      from = -1;
      for (int i = 0; i < markers.size() && from < 0; i++) {
        Marker m = markers.get(i);
        if (m.kind().equals("D")
            && tablesDone.merge(m.shadowId(), 1, Integer::sum) == PARTS
            && ++done == shadows) {
          from = i + 1;
        }
      }
      if (from < 0) {
        return null;
      }
    }
    return markers.subList(from, markers.size()).stream()
        .filter(m -> m.kind().equals(kind))
        .skip(skip)
        .findFirst()
        .orElse(null);
  }

  /** The shop tables with a marker of {@code shadowId}: their write for it had started. */
  private static int tablesStarted(List<Marker> markers, String shadowId) {
    Set<String> names = new HashSet<>();
    ShopSchema.TABLES.forEach(t -> names.add(StackShadows.icebergName(t).table()));
    return (int)
        markers.stream()
            .filter(m -> m.shadowId().equals(shadowId) && names.contains(m.table()))
            .map(Marker::table)
            .distinct()
            .count();
  }

  private static int tablesTagged(ShadowCatalog catalog, String shadowId) {
    int tagged = 0;
    for (ShopTable source : ShopSchema.TABLES) {
      TableIdentifier id = StackShadows.icebergName(source).identifier();
      // A kill in the first shadows can land before a table's first change has created it.
      if (catalog.catalog().tableExists(id)
          && catalog.catalog().loadTable(id).refs().containsKey(shadowId)) {
        tagged++;
      }
    }
    return tagged;
  }

  /** Shop traffic in small bursts (about 20 transactions a second) until told to or the end. */
  private static void runWorkload(AtomicBoolean stop, long endNanos) {
    while (!stop.get() && System.nanoTime() < endNanos) {
      workload.runSteps(4);
      try {
        Thread.sleep(150);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /**
   * A child JVM running {@link ShadowChild}; its output goes to a log file, its markers are kept.
   */
  private static final class Child implements AutoCloseable {

    private final Process process;
    private final Thread reader;
    private final Path log;
    private final List<Marker> markers = new ArrayList<>();

    private Child(Process process, Path log) {
      this.process = process;
      this.log = log;
      this.reader = new Thread(this::readOutput, "child-output-" + log.getFileName());
      reader.setDaemon(true);
      reader.start();
    }

    /** Starts a standby child: it warms up, prints READY and waits for {@link #go()}. */
    static Child start(Path properties, Path log) throws IOException {
      List<String> command =
          List.of(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-Xmx384m",
              "-XX:TieredStopAtLevel=1",
              "-XX:+UseSerialGC",
              "-Djava.net.preferIPv4Stack=true",
              "-cp",
              System.getProperty("java.class.path"),
              ShadowChild.class.getName(),
              properties.toString(),
              Long.toString(PHASE_DELAY_MILLIS));
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
      return new Child(builder.start(), log);
    }

    private void readOutput() {
      try (BufferedReader in =
              new BufferedReader(
                  new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
          PrintWriter out =
              new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
        String line;
        while ((line = in.readLine()) != null) {
          out.println(line);
          if (line.startsWith(ShadowChild.MARKER)) {
            String[] parts = line.substring(ShadowChild.MARKER.length()).split(" ");
            synchronized (markers) {
              markers.add(new Marker(parts[0], parts[1], parts[2]));
              markers.notifyAll();
            }
          }
        }
      } catch (IOException e) {
        // the child is gone
      }
    }

    /** Once the child is READY, tells it to start the application. */
    void go() throws InterruptedException, IOException {
      await(markers -> markers.stream().anyMatch(m -> m.kind().equals("READY")), () -> {});
      process.getOutputStream().write("GO\n".getBytes(StandardCharsets.UTF_8));
      process.getOutputStream().flush();
    }

    /**
     * Waits until the child's markers so far satisfy {@code reached}; runs {@code idle} whenever no
     * marker came for {@link #IDLE}.
     */
    void await(Predicate<List<Marker>> reached, Runnable idle) throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      long lastProgress = System.nanoTime();
      int seen = 0;
      synchronized (markers) {
        while (!reached.test(markers)) {
          if (markers.size() != seen) {
            seen = markers.size();
            lastProgress = System.nanoTime();
          } else if (System.nanoTime() - lastProgress > IDLE.toNanos()) {
            idle.run();
            lastProgress = System.nanoTime();
          }
          long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
          if (left <= 0 || !process.isAlive()) {
            throw new AssertionError(
                "child did not reach the awaited marker (alive: "
                    + process.isAlive()
                    + "); see "
                    + log.toAbsolutePath());
          }
          markers.wait(Math.min(left, 500));
        }
      }
    }

    /** SIGKILL, then waits until the process and its output are gone. */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor();
      reader.join();
    }

    /** SIGTERM: the child closes the application cleanly. */
    void stop() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        kill();
      }
      reader.join();
    }

    List<Marker> markers() {
      synchronized (markers) {
        return List.copyOf(markers);
      }
    }

    /** The last marker the child printed for one table of one shadow. */
    Marker lastOf(String shadowId, String table) {
      List<Marker> all = markers();
      for (int i = all.size() - 1; i >= 0; i--) {
        Marker m = all.get(i);
        if (m.shadowId().equals(shadowId) && m.table().equals(table)) {
          return m;
        }
      }
      throw new IllegalStateException("no marker for " + table + " of " + shadowId);
    }

    @Override
    public void close() throws InterruptedException {
      if (process.isAlive()) {
        kill();
      }
    }
  }
}

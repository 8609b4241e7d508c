package io.chronoshadow.bench;

import io.chronoshadow.devstack.audit.SourceAudit;
import io.chronoshadow.devstack.workload.ShopSchema;
import io.chronoshadow.devstack.workload.ShopTable;
import io.chronoshadow.devstack.workload.ShopWorkload;
import io.chronoshadow.fixtures.kafka.Topics;
import io.chronoshadow.fixtures.source.AuditedSource;
import io.chronoshadow.fixtures.source.SourceRows;
import io.chronoshadow.fixtures.stack.ShopStack;
import io.chronoshadow.schemas.registry.SchemaRegistryClient;
import io.chronoshadow.schemas.wire.RegistryAvroSerde;
import io.chronoshadow.shadow.app.ShadowStreamsApp;
import io.chronoshadow.shadow.app.ShadowStreamsConfig;
import io.chronoshadow.shadow.catalog.ShadowCatalog;
import io.chronoshadow.shadow.policy.AdaptiveBucketPolicy;
import io.chronoshadow.shadow.read.ReadOptions;
import io.chronoshadow.shadow.read.ShadowReader;
import io.chronoshadow.shadow.table.ShadowTableName;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Load and backpressure: the shop workload at its default rate (a baseline), then at {@code rate}
 * (10× by default) for {@code load}, then stopped, with the shadow app cutting under the adaptive
 * policy. Sampled every {@code sample}: the app's consumer-group lag (committed offsets against the
 * read-committed end of every input partition), this JVM's heap and RSS. Afterwards: how long the
 * lag took to come back to about zero, the bucket lengths of the committed shadows per phase
 * against the policy's bounds, and shadows of the run compared with the source database at their
 * cuts (PostgreSQL's audit, {@link SourceAudit}).
 *
 * <p>Everything but PostgreSQL and the registry runs in this JVM (Kafka, s3proxy, Debezium, the
 * workload, the app), so RSS and heap are the stack's, not the app's alone.
 */
final class OverloadBench {

  /** Lag at or below this counts as caught up: heartbeats alone keep a few records in flight. */
  private static final long CAUGHT_UP = 100;

  private OverloadBench() {}

  record Options(
      double rate,
      double baseRate,
      Duration load,
      Duration base,
      Duration sample,
      String policyJson,
      int checkShadows) {}

  /**
   * One sample; {@code accounted} is what the JVM itself accounts for — committed heap and non-heap
   * (metaspace, code cache), direct and mapped buffers — so that RSS minus it is other native
   * memory (RocksDB, thread stacks, allocator arenas).
   */
  private record Sample(
      long atMillis,
      String phase,
      long lag,
      long heapUsed,
      long heapCommitted,
      long accounted,
      long rss) {}

  private record Shadow(String id, long cut, long visible, long transactions, long lateTx) {}

  static Report run(BenchStack bench, Options o) throws Exception {
    ShadowStreamsConfig config =
        bench.shadowConfig(
            "shop", bench.stack().config().topicPrefix(), o.policyJson(), "bench-overload");
    AdaptiveBucketPolicy policy = (AdaptiveBucketPolicy) config.policy();
    String shadowsTopic = config.topics().shadowsTopic();
    Map<Long, Shadow> shadows = new ConcurrentSkipListMap<>();
    AtomicBoolean stop = new AtomicBoolean();
    Thread watcher =
        new Thread(() -> watch(bench, shadowsTopic, shadows, stop), "bench-overload-watcher");
    List<Sample> samples = new ArrayList<>();
    long baseStart;
    long loadStart;
    long loadEnd;
    long recovered = -1;
    long committedBase;
    long committedLoad;
    long failedLoad;
    long deadLetters;
    try (ShadowStreamsApp app = ShadowStreamsApp.create(config);
        Admin admin =
            Admin.create(
                Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    bench.stack().bootstrapServers()))) {
      app.start();
      while (app.state() != KafkaStreams.State.RUNNING) {
        Thread.sleep(10);
      }
      watcher.start();
      String group = config.applicationId();

      try (ShopWorkload baseline = workload(bench, o.baseRate())) {
        baseStart = System.currentTimeMillis();
        baseline.start();
        sampleFor(admin, group, "base", o.base(), o.sample(), samples);
        baseline.stop();
        committedBase = baseline.stats().committed();
      }
      try (ShopWorkload overload = workload(bench, o.rate())) {
        loadStart = System.currentTimeMillis();
        overload.start();
        sampleFor(admin, group, "load", o.load(), o.sample(), samples);
        overload.stop();
        loadEnd = System.currentTimeMillis();
        committedLoad = overload.stats().committed();
        failedLoad = overload.stats().failed();
      }
      System.out.printf(
          "overload: %d transactions in %d s (%.1f tx/s), recovering…%n",
          committedLoad,
          (loadEnd - loadStart) / 1000,
          committedLoad * 1000.0 / (loadEnd - loadStart));
      // Recovery: sampled every second until the lag stays down for two samples in a row.
      long deadline = loadEnd + Math.max(o.load().toMillis(), Duration.ofMinutes(5).toMillis());
      int below = 0;
      while (System.currentTimeMillis() < deadline) {
        Sample s = sample(admin, group, "recovery");
        samples.add(s);
        if (s.lag() >= 0 && s.lag() <= CAUGHT_UP) {
          if (++below == 1) {
            recovered = s.atMillis();
          }
          if (below >= 2) {
            break;
          }
        } else {
          below = 0;
          recovered = -1;
        }
        Thread.sleep(1000);
      }
      // The last shadow of the load closes on the heartbeats that follow it.
      long awaitShadow = System.currentTimeMillis() + Duration.ofMinutes(3).toMillis();
      while (shadows.keySet().stream().noneMatch(cut -> cut > loadEnd)
          && System.currentTimeMillis() < awaitShadow) {
        Thread.sleep(200);
      }
      samples.add(sample(admin, group, "after"));
      deadLetters = app.metrics().deadLettered();
    } finally {
      stop.set(true);
      watcher.join();
    }

    List<Shadow> all = new ArrayList<>(shadows.values());
    List<Long> baseBuckets = buckets(all, baseStart, baseStart, loadStart);
    List<Long> loadBuckets = buckets(all, baseStart, loadStart, loadEnd);
    List<Long> visibleUnderLoad = new ArrayList<>();
    for (Shadow s : all) {
      if (s.cut() >= loadStart && s.cut() <= loadEnd) {
        visibleUnderLoad.add(s.visible() - s.cut());
      }
    }
    Collections.sort(visibleUnderLoad);
    Sample peak = samples.get(0);
    long rssMin = Long.MAX_VALUE;
    long rssMax = 0;
    long heapMax = 0;
    for (Sample s : samples) {
      if (s.lag() > peak.lag()) {
        peak = s;
      }
      rssMin = Math.min(rssMin, s.rss());
      rssMax = Math.max(rssMax, s.rss());
      heapMax = Math.max(heapMax, s.heapUsed());
    }
    List<Shadow> run = new ArrayList<>();
    for (Shadow s : all) {
      if (s.cut() >= baseStart) {
        run.add(s);
      }
    }
    List<Shadow> checked = evenly(run, o.checkShadows());
    String consistency = check(bench, config, checked);
    long late = all.stream().mapToLong(Shadow::lateTx).sum();
    Sample loadFirst = firstOf(samples, "load");
    Sample loadLast = lastOf(samples, "load");
    Sample backDown = null;
    for (Sample s : samples) {
      if (s.atMillis() > peak.atMillis() && s.lag() >= 0 && s.lag() <= CAUGHT_UP) {
        backDown = s;
        break;
      }
    }
    // The second half of the load: the adaptive policy has settled, what remains is steady state.
    long half = loadStart + (loadEnd - loadStart) / 2;
    List<Sample> steady = new ArrayList<>();
    for (Sample s : samples) {
      if (s.phase().equals("load") && s.atMillis() >= half) {
        steady.add(s);
      }
    }
    double steadyLagMean = steady.stream().mapToLong(Sample::lag).average().orElse(Double.NaN);
    long steadyLagMax = steady.stream().mapToLong(Sample::lag).max().orElse(-1);

    double achieved = committedLoad * 1000.0 / (loadEnd - loadStart);
    return new Report(
            "overload: shop workload at "
                + Report.f0(o.rate())
                + " tx/s for "
                + o.load().toSeconds()
                + " s after "
                + o.base().toSeconds()
                + " s at "
                + Report.f0(o.baseRate())
                + " tx/s, policy "
                + o.policyJson())
        .row(
            "transactions at base rate / under load",
            committedBase + " / " + committedLoad,
            "",
            "failed under load: " + failedLoad)
        .row(
            "rate reached under load",
            Report.f1(achieved) + " tx/s",
            Report.f0(o.rate()) + " tx/s",
            "the workload runs one transaction at a time")
        .row(
            "consumer lag peak",
            Report.f0(peak.lag()) + " records",
            "",
            String.format(
                "at +%d s of the load; input partitions, committed offset → read-committed end",
                (peak.atMillis() - loadStart) / 1000))
        .row(
            "consumer lag: from its peak back to ≤ " + CAUGHT_UP,
            backDown == null
                ? "never"
                : Report.f1((backDown.atMillis() - peak.atMillis()) / 1000.0) + " s",
            "",
            backDown != null && backDown.atMillis() < loadEnd ? "while the load went on" : "")
        .row(
            "consumer lag, second half of the load: mean / max",
            Report.f0(steadyLagMean) + " / " + Report.f0(steadyLagMax) + " records",
            "",
            "steady state: a shadow's commit holds the stream thread, the lag rises, then drains")
        .row(
            "consumer lag at the end of the load",
            loadLast == null ? "?" : Report.f0(loadLast.lag()) + " records")
        .row(
            "time to recover (lag ≤ " + CAUGHT_UP + ") after the load stopped",
            recovered < 0 ? "not recovered" : Report.f1((recovered - loadEnd) / 1000.0) + " s",
            "",
            "")
        .row(
            "RSS min / max",
            Report.bytes(rssMin) + " / " + Report.bytes(rssMax),
            "bounded",
            "bench JVM (/proc/self/status VmRSS): Kafka, s3proxy, Debezium, workload, app")
        .row(
            "RSS at start / middle / end of the load",
            loadFirst == null || steady.isEmpty()
                ? "?"
                : Report.bytes(loadFirst.rss())
                    + " / "
                    + Report.bytes(steady.get(0).rss())
                    + " / "
                    + Report.bytes(loadLast.rss()),
            "",
            "the heap grows to its working size first; the second half shows the trend")
        .row(
            "heap used, max",
            Report.bytes(heapMax),
            "",
            "of -Xmx " + Report.bytes(Runtime.getRuntime().maxMemory()) + ", same JVM")
        .row(
            "heap committed at start / middle / end of the load",
            loadFirst == null || steady.isEmpty()
                ? "?"
                : Report.bytes(loadFirst.heapCommitted())
                    + " / "
                    + Report.bytes(steady.get(0).heapCommitted())
                    + " / "
                    + Report.bytes(loadLast.heapCommitted()),
            "",
            "the collector grows the heap it has touched toward -Xmx; RSS follows")
        .row(
            "RSS beyond the JVM's own accounts, start / middle / end",
            loadFirst == null || steady.isEmpty()
                ? "?"
                : Report.bytes(loadFirst.rss() - loadFirst.accounted())
                    + " / "
                    + Report.bytes(steady.get(0).rss() - steady.get(0).accounted())
                    + " / "
                    + Report.bytes(loadLast.rss() - loadLast.accounted()),
            "",
            "RSS − committed heap, non-heap and buffers: RocksDB, stacks, malloc")
        .row(
            "shadows (base / load / all since the base phase)",
            baseBuckets.size() + " / " + loadBuckets.size() + " / " + run.size())
        .row(
            "bucket length p50 at base rate",
            seconds(Report.percentile(baseBuckets, 0.5)),
            "",
            range(baseBuckets))
        .row(
            "bucket length p50 under load",
            seconds(Report.percentile(loadBuckets, 0.5)),
            "≥ " + policy.min().toSeconds() + " s",
            range(loadBuckets) + "; policy bounds " + policy.min() + " – " + policy.max())
        .row(
            "buckets outside the policy's bounds under load",
            Long.toString(
                loadBuckets.stream()
                    .filter(b -> b < policy.minMillis() || b > policy.maxMillis())
                    .count()),
            "0",
            "")
        .row(
            "cut → visible under load, p50 / max",
            Report.f0(Report.percentile(visibleUnderLoad, 0.5))
                + " / "
                + Report.f0(Report.percentile(visibleUnderLoad, 1.0))
                + " ms")
        .row("dead letters / late transactions", deadLetters + " / " + late, "0 / 0", "")
        .row(
            "shadows equal to the source at their cut",
            consistency,
            "all",
            checked.size() + " of " + run.size() + " shadows, evenly spaced, the last included");
  }

  private static ShopWorkload workload(BenchStack bench, double rate) {
    // The schema is seeded already: the planner continues from the database's state.
    return ShopWorkload.create(
            bench.stack().postgres().sourceDataSource(), ShopStack.flatRate(200, 100, rate))
        .prepare();
  }

  private static void sampleFor(
      Admin admin, String group, String phase, Duration length, Duration every, List<Sample> out)
      throws Exception {
    long end = System.currentTimeMillis() + length.toMillis();
    while (true) {
      Sample s = sample(admin, group, phase);
      out.add(s);
      System.out.printf(
          "  %s +%ds lag %d, heap %s of %s committed, RSS %s (other native %s)%n",
          phase,
          (s.atMillis() - (end - length.toMillis())) / 1000,
          s.lag(),
          Report.bytes(s.heapUsed()),
          Report.bytes(s.heapCommitted()),
          Report.bytes(s.rss()),
          Report.bytes(s.rss() - s.accounted()));
      long left = end - System.currentTimeMillis();
      if (left <= 0) {
        return;
      }
      Thread.sleep(Math.min(left, every.toMillis()));
    }
  }

  private static Sample sample(Admin admin, String group, String phase) throws Exception {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long heapCommitted = memory.getHeapMemoryUsage().getCommitted();
    long accounted = heapCommitted + memory.getNonHeapMemoryUsage().getCommitted();
    for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
      accounted += Math.max(0, pool.getMemoryUsed());
    }
    return new Sample(
        System.currentTimeMillis(),
        phase,
        lag(admin, group),
        memory.getHeapMemoryUsage().getUsed(),
        heapCommitted,
        accounted,
        rss());
  }

  /** Sum over the group's committed partitions of read-committed end offset − committed offset. */
  private static long lag(Admin admin, String group) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin
            .listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata()
            .get(30, TimeUnit.SECONDS);
    if (committed.isEmpty()) {
      return -1;
    }
    Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
    committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
    var ends =
        admin
            .listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
            .all()
            .get(30, TimeUnit.SECONDS);
    long lag = 0;
    for (var e : committed.entrySet()) {
      if (e.getValue() != null) {
        lag += Math.max(0, ends.get(e.getKey()).offset() - e.getValue().offset());
      }
    }
    return lag;
  }

  /** This process's resident set size, from /proc (Linux); -1 elsewhere. */
  private static long rss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux: no figure
    }
    return -1;
  }

  /**
   * Lengths of the buckets whose cut falls in [from, to): cut minus the previous shadow's cut, that
   * one cut after {@code since} (the shadow before is the baseline, cut at the initial snapshot).
   */
  private static List<Long> buckets(List<Shadow> byCut, long since, long from, long to) {
    List<Long> out = new ArrayList<>();
    for (int i = 1; i < byCut.size(); i++) {
      long cut = byCut.get(i).cut();
      if (cut >= from && cut < to && byCut.get(i - 1).cut() >= since) {
        out.add(cut - byCut.get(i - 1).cut());
      }
    }
    Collections.sort(out);
    return out;
  }

  private static String seconds(double millis) {
    return Double.isNaN(millis) ? "–" : Report.f1(millis / 1000) + " s";
  }

  private static String range(List<Long> sorted) {
    return sorted.isEmpty()
        ? "no buckets"
        : "min "
            + seconds(sorted.get(0))
            + ", max "
            + seconds(sorted.get(sorted.size() - 1))
            + ", n = "
            + sorted.size();
  }

  private static Sample firstOf(List<Sample> samples, String phase) {
    return samples.stream().filter(s -> s.phase().equals(phase)).findFirst().orElse(null);
  }

  private static Sample lastOf(List<Sample> samples, String phase) {
    Sample last = null;
    for (Sample s : samples) {
      if (s.phase().equals(phase)) {
        last = s;
      }
    }
    return last;
  }

  private static <T> List<T> evenly(List<T> items, int n) {
    if (items.size() <= n) {
      return items;
    }
    List<T> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(items.get((int) Math.round((double) i * (items.size() - 1) / (n - 1))));
    }
    return out;
  }

  /**
   * Each shadow's tables against the source as of its cut, by canonical key; "all N" or the first
   * mismatches.
   */
  private static String check(BenchStack bench, ShadowStreamsConfig config, List<Shadow> shadows)
      throws Exception {
    AuditedSource audit = bench.audited();
    List<String> problems = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (ShadowCatalog catalog = ShadowCatalog.open(config.catalog())) {
      ShadowReader reader = new ShadowReader(catalog.catalog());
      List<Callable<Void>> checks = new ArrayList<>();
      for (Shadow shadow : shadows) {
        for (ShopTable table : ShopSchema.TABLES) {
          checks.add(
              () -> {
                try {
                  ShadowTableName name =
                      ShadowTableName.fromSourceTable(
                          config.group(), table.qualifiedName(), config.defaultSchema());
                  Map<String, Map<String, String>> inShadow =
                      SourceRows.canonical(
                          table, reader.rowsAt(name, shadow.id(), ReadOptions.ALL).rows());
                  Map<String, Map<String, String>> inSource =
                      audit.rowsAt(table, Instant.ofEpochMilli(shadow.cut()));
                  if (!inShadow.equals(inSource)) {
                    problems.add(
                        shadow.id()
                            + " "
                            + table.qualifiedName()
                            + ": "
                            + inShadow.size()
                            + " rows, source "
                            + inSource.size());
                  }
                } catch (RuntimeException e) {
                  problems.add(shadow.id() + " " + table.qualifiedName() + ": " + e);
                }
                return null;
              });
        }
      }
      for (Future<Void> f : pool.invokeAll(checks)) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    if (problems.isEmpty()) {
      return "all " + shadows.size();
    }
    problems.forEach(p -> System.out.println("  MISMATCH " + p));
    return problems.size() + " table states differ";
  }

  private static void watch(
      BenchStack bench, String topic, Map<Long, Shadow> shadows, AtomicBoolean stop) {
    RegistryAvroSerde serde =
        new RegistryAvroSerde(new SchemaRegistryClient(bench.stack().registryUrl()), false, false);
    try (KafkaConsumer<byte[], byte[]> consumer =
        Topics.consumer(bench.stack().bootstrapServers())) {
      TopicPartition tp = new TopicPartition(topic, 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      while (!stop.get()) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(50))) {
          long now = System.currentTimeMillis();
          GenericRecord s = serde.deserializer().deserialize(topic, r.value());
          long cut = (Long) s.get("cutTime");
          shadows.putIfAbsent(
              cut,
              new Shadow(
                  s.get("shadowId").toString(),
                  cut,
                  now,
                  (Long) s.get("transactionCount"),
                  (Long) s.get("lateTransactions")));
        }
      }
    }
  }
}

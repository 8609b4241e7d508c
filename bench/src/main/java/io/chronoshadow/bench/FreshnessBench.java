package io.chronoshadow.bench;

import io.chronoshadow.fixtures.kafka.Topics;
import io.chronoshadow.schemas.change.ChangeEventDecoder;
import io.chronoshadow.schemas.change.DecodedRecord;
import io.chronoshadow.schemas.change.TransactionEvent;
import io.chronoshadow.schemas.registry.SchemaRegistryClient;
import io.chronoshadow.schemas.wire.RegistryAvroSerde;
import io.chronoshadow.shadow.app.ShadowStreamsApp;
import io.chronoshadow.shadow.app.ShadowStreamsConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Freshness: how long after a source commit the shadow holding it is visible. The demo shop
 * workload runs at a flat rate against PostgreSQL, Debezium captures it, and the shadow topology
 * cuts it under {@code fixed(interval)}. A consumer of {@code chrono.shadows} (read_committed)
 * notes when each shadow's record becomes visible — after its Iceberg commit and its Kafka
 * transaction. Every transaction of the run (from the transaction topic: commit time, and the first
 * shadow whose cut is after it) gives one latency: visible − committed. Split into the wait for the
 * bucket to end (cut − committed, at most the interval) and the pipeline after it (visible − cut:
 * the next commit in the source's order that closes the cut — the workload's or a heartbeat
 * transaction's —, processing, Iceberg and Kafka commits).
 */
final class FreshnessBench {

  private FreshnessBench() {}

  static Report run(BenchStack bench, Duration length, Duration interval, double rate)
      throws Exception {
    ShadowStreamsConfig config =
        bench.shadowConfig(
            "shop",
            bench.stack().config().topicPrefix(),
            "{\"type\":\"fixed\",\"interval\":\"" + interval + "\"}",
            "bench-fresh");
    String shadowsTopic = config.topics().shadowsTopic();
    Map<String, Long> visibleAt = new ConcurrentHashMap<>();
    Map<String, Long> cutOf = new ConcurrentHashMap<>();
    AtomicBoolean stop = new AtomicBoolean();
    // Transactions committed before the topology ran (the stack's own, earlier benchmarks') measure
    // the catch-up at start, not freshness: only the workload's, from its start, count.
    long measureFrom = Long.MAX_VALUE;
    Thread watcher =
        new Thread(
            () -> watch(bench, shadowsTopic, visibleAt, cutOf, stop), "bench-shadow-watcher");
    try (ShadowStreamsApp app = ShadowStreamsApp.create(config)) {
      app.start();
      while (app.state() != KafkaStreams.State.RUNNING) {
        Thread.sleep(10);
      }
      watcher.start();
      measureFrom = System.currentTimeMillis();
      bench.workload().start();
      Thread.sleep(length.toMillis());
      bench.workload().stop();
      // The last bucket closes on heartbeat transactions; then its shadow is committed and
      // announced.
      long lastCommit = lastCommitMillis(bench);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (cutOf.values().stream().noneMatch(c -> c > lastCommit)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the last shadow did not appear within 60 s");
        }
        Thread.sleep(50);
      }
    } finally {
      stop.set(true);
      watcher.join();
    }

    TreeMap<Long, String> shadowByCut = new TreeMap<>();
    cutOf.forEach((id, cut) -> shadowByCut.put(cut, id));
    List<Long> total = new ArrayList<>();
    List<Long> bucketWait = new ArrayList<>();
    List<Long> pipeline = new ArrayList<>();
    long effective = Long.MIN_VALUE;
    int before = 0;
    for (long commit : commitTimes(bench)) {
      effective = Math.max(effective, commit);
      if (commit < measureFrom) {
        before++;
        continue;
      }
      Map.Entry<Long, String> shadow = shadowByCut.higherEntry(effective);
      if (shadow == null) {
        continue;
      }
      long visible = visibleAt.get(shadow.getValue());
      total.add(visible - commit);
      bucketWait.add(shadow.getKey() - commit);
      pipeline.add(visible - shadow.getKey());
    }
    Collections.sort(total);
    Collections.sort(bucketWait);
    Collections.sort(pipeline);
    long bound = interval.toMillis();
    return new Report(
            "freshness: shop workload at "
                + Report.f0(rate)
                + " tx/s for "
                + length.toSeconds()
                + " s, fixed("
                + interval.toSeconds()
                + " s), cuts closed by the source's commit order (heartbeat table "
                + config.heartbeatTable()
                + ")")
        .row("transactions / shadows", total.size() + " / " + shadowByCut.size())
        .row("transactions before the workload started (not counted)", Integer.toString(before))
        .row(
            "source commit → shadow visible, p50", Report.f0(Report.percentile(total, 0.5)) + " ms")
        .row(
            "source commit → shadow visible, p99",
            Report.f0(Report.percentile(total, 0.99)) + " ms",
            "≤ " + (bound + 1000) + " ms",
            "bucket bound " + bound + " ms + 1 s")
        .row("source commit → shadow visible, max", Report.f0(total.get(total.size() - 1)) + " ms")
        .row(
            "  cut → visible per shadow, in cut order",
            "",
            "",
            // The first shadows create the tables (and the baseline's cut is the snapshot's time,
            // before the topology ran): the list shows how long that start-up costs.
            shadowByCut.entrySet().stream()
                    .map(e -> Long.toString(visibleAt.get(e.getValue()) - e.getKey()))
                    .collect(java.util.stream.Collectors.joining(" "))
                + " ms")
        .row(
            "  wait for the bucket's cut, p50 / p99",
            Report.f0(Report.percentile(bucketWait, 0.5))
                + " / "
                + Report.f0(Report.percentile(bucketWait, 0.99))
                + " ms",
            "",
            "≤ the interval by construction")
        .row(
            "  cut → visible, p50 / p99",
            Report.f0(Report.percentile(pipeline, 0.5))
                + " / "
                + Report.f0(Report.percentile(pipeline, 0.99))
                + " ms",
            "",
            "watermark delay + processing + commits");
  }

  private static void watch(
      BenchStack bench,
      String topic,
      Map<String, Long> visibleAt,
      Map<String, Long> cutOf,
      AtomicBoolean stop) {
    RegistryAvroSerde serde =
        new RegistryAvroSerde(new SchemaRegistryClient(bench.stack().registryUrl()), false, false);
    try (KafkaConsumer<byte[], byte[]> consumer =
        Topics.consumer(bench.stack().bootstrapServers())) {
      TopicPartition tp = new TopicPartition(topic, 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      while (!stop.get()) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(20))) {
          long now = System.currentTimeMillis();
          GenericRecord shadow = serde.deserializer().deserialize(topic, r.value());
          String id = shadow.get("shadowId").toString();
          visibleAt.putIfAbsent(id, now);
          cutOf.put(id, (Long) shadow.get("cutTime"));
        }
      }
    }
  }

  /** Commit times of the captured transactions, in commit order (first END of each id). */
  private static List<Long> commitTimes(BenchStack bench) {
    ChangeEventDecoder decoder =
        new ChangeEventDecoder(new SchemaRegistryClient(bench.stack().registryUrl()));
    String topic = bench.stack().config().topicPrefix() + ".transaction";
    Set<String> seen = new HashSet<>();
    List<Long> times = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r :
        Topics.readAll(bench.stack().bootstrapServers(), topic, BenchStack.READ_WITHIN)) {
      DecodedRecord decoded = decoder.decode(r);
      // Heartbeats are source transactions too (of the heartbeat table only): they go on after
      // the workload stops, and no one waits for their shadow.
      if (decoded instanceof TransactionEvent tx
          && tx.status() == TransactionEvent.Status.END
          && tx.dataCollections().stream()
              .anyMatch(
                  c -> !c.dataCollection().equals(ShadowStreamsConfig.DEFAULT_HEARTBEAT_TABLE))
          && seen.add(tx.id().substring(0, tx.id().indexOf(':')))) {
        times.add(tx.timestamp().toEpochMilli());
      }
    }
    return times;
  }

  private static long lastCommitMillis(BenchStack bench) throws InterruptedException {
    // Capture has published every workload transaction once their number stops growing.
    int size = -1;
    while (true) {
      List<Long> times = commitTimes(bench);
      if (times.size() == size) {
        return times.get(times.size() - 1);
      }
      size = times.size();
      Thread.sleep(1500);
    }
  }
}

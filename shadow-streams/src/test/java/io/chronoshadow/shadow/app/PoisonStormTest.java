package io.chronoshadow.shadow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chronoshadow.devstack.DevStack;
import io.chronoshadow.devstack.workload.ShopSchema;
import io.chronoshadow.devstack.workload.ShopTable;
import io.chronoshadow.devstack.workload.ShopWorkload;
import io.chronoshadow.fixtures.kafka.Topics;
import io.chronoshadow.fixtures.stack.ShopStack;
import io.chronoshadow.schemas.change.DecodeException;
import io.chronoshadow.shadow.catalog.ShadowCatalog;
import io.chronoshadow.shadow.read.ShadowReader;
import io.chronoshadow.shadow.topology.ShadowTopics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Invariant 5 under a storm: 10,000 malformed records of every kind the topology tells apart
 * ({@link PoisonKind}) are produced into the shop group's change topics and transaction topic,
 * interleaved with the live workload's changes. The application must keep its one stream thread (a
 * replaced thread would mean a record crashed it), put exactly those 10,000 records in the
 * dead-letter topic, each with the reason its kind calls for and its own coordinates, and lose no
 * good record: every shadow, those cut during the storm included, equals the source database at its
 * cut (PostgreSQL's audit, {@link SourceOracle}), and each is announced once.
 */
class PoisonStormTest {

  private static final Logger LOG = LoggerFactory.getLogger(PoisonStormTest.class);
  private static final int POISON_RECORDS = 10_000;
  private static final int WAVES = 40;
  private static final Duration BUCKET = Duration.ofSeconds(2);
  private static final double RATE = 25;

  @TempDir static Path dir;

  private static ShopStack shop;
  private static DevStack stack;
  private static ShopWorkload workload;
  private static SourceOracle oracle;
  private static ShadowStreamsApp app;

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
    if (shop != null) {
      shop.close();
    }
  }

  @Test
  void tenThousandPoisonRecordsEndInTheDeadLetterTopicAndNoGoodRecordIsLost() throws Exception {
    app =
        ShadowStreamsApp.create(
            StackShadows.config(
                StackShadows.properties(
                    stack,
                    "{\"type\":\"fixed\",\"interval\":\"" + BUCKET + "\"}",
                    "poison-storm-" + UUID.randomUUID(),
                    dir.resolve("streams"))));
    // Only set while the instance is CREATED: every state the app passes through from its start.
    List<KafkaStreams.State> states = new CopyOnWriteArrayList<>();
    app.kafkaStreams().setStateListener((now, before) -> states.add(now));
    app.start();
    ShadowTopics topics = app.config().topics();
    workload.start();
    await().atMost(Duration.ofSeconds(90)).until(() -> app.metrics().lastSequence() >= 2);
    Set<String> threadsBefore = streamThreads();

    List<String> changeTopics = new ArrayList<>();
    for (ShopTable table : ShopSchema.TABLES) {
      changeTopics.add(topics.prefix() + "." + table.qualifiedName());
    }
    PoisonKind.Templates templates =
        PoisonKind.templates(stack, changeTopics, topics.transactionTopic());

    // The storm, in waves between which the workload commits: poison and real changes interleave
    // in every topic, and shadows are cut during it.
    Map<String, PoisonKind> injected = new TreeMap<>();
    long stormStart = System.currentTimeMillis();
    Map<String, Object> producerConfig =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            stack.bootstrapServers(),
            ProducerConfig.LINGER_MS_CONFIG,
            5);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer())) {
      int sent = 0;
      for (int wave = 0; wave < WAVES; wave++) {
        long committed = workload.stats().committed();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        List<PoisonKind> kinds = new ArrayList<>();
        int waveEnd = POISON_RECORDS * (wave + 1) / WAVES;
        for (; sent < waveEnd; sent++) {
          PoisonKind kind = PoisonKind.values()[sent % PoisonKind.values().length];
          String topic =
              kind.transactionTopic()
                  ? topics.transactionTopic()
                  : changeTopics.get((sent / PoisonKind.values().length) % changeTopics.size());
          ProducerRecord<byte[], byte[]> record = kind.record(topic, sent, templates);
          record.headers().add(PoisonKind.HEADER, kind.name().getBytes(StandardCharsets.UTF_8));
          acks.add(producer.send(record));
          kinds.add(kind);
        }
        for (int i = 0; i < acks.size(); i++) {
          RecordMetadata m = acks.get(i).get();
          injected.put(m.topic() + "@" + m.offset(), kinds.get(i));
        }
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> workload.stats().committed() >= committed + 3);
      }
    }
    long stormEnd = System.currentTimeMillis();
    assertThat(injected).hasSize(POISON_RECORDS);
    long committedAfterStorm = workload.stats().committed();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> workload.stats().committed() >= committedAfterStorm + 50);
    workload.stop();
    LOG.info(
        "{} poison records in {} ms between {} workload transactions",
        POISON_RECORDS,
        stormEnd - stormStart,
        workload.stats().committed());

    // Exactly the poison, each with its kind's reason and its own coordinates. Awaited on the
    // topic,
    // not the metric: the metric counts a dead letter when it is sent, the topic shows it once its
    // Kafka transaction commits.
    AtomicReference<List<ConsumerRecord<byte[], byte[]>>> deadLetters = new AtomicReference<>();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              deadLetters.set(Topics.readAll(stack.bootstrapServers(), topics.dlqTopic()));
              return deadLetters.get().size() >= POISON_RECORDS;
            });
    List<ConsumerRecord<byte[], byte[]>> dead = deadLetters.get();
    assertThat(dead).hasSize(POISON_RECORDS);
    Map<String, Long> reasons = new TreeMap<>();
    Map<String, Long> expectedReasons = new TreeMap<>();
    injected.values().forEach(k -> expectedReasons.merge(k.reason(), 1L, Long::sum));
    Set<String> seen = new TreeSet<>();
    for (ConsumerRecord<byte[], byte[]> r : dead) {
      String at =
          StackShadows.header(r, DecodeException.HEADER_TOPIC)
              + "@"
              + StackShadows.header(r, DecodeException.HEADER_OFFSET);
      PoisonKind kind = injected.get(at);
      assertThat(kind).as("dead letter from %s is one of the injected records", at).isNotNull();
      assertThat(StackShadows.header(r, PoisonKind.HEADER))
          .as("original headers kept at %s", at)
          .isEqualTo(kind.name());
      String reason = StackShadows.header(r, DecodeException.HEADER_REASON);
      assertThat(reason).as("reason of %s at %s", kind, at).isEqualTo(kind.reason());
      assertThat(StackShadows.header(r, DecodeException.HEADER_DETAIL)).isNotBlank();
      assertThat(StackShadows.header(r, DecodeException.HEADER_PARTITION)).isEqualTo("0");
      assertThat(seen.add(at)).as("%s dead-lettered once", at).isTrue();
      reasons.merge(reason, 1L, Long::sum);
    }
    assertThat(reasons).isEqualTo(expectedReasons);
    LOG.info("dead letters by reason: {}", reasons);

    // No good record lost: every shadow equals the source at its cut, each announced once.
    ShadowCatalog catalog = ShadowCatalog.open(app.config().catalog());
    try {
      ShadowReader reader = new ShadowReader(catalog.catalog());
      StackShadows.awaitLatestShadowEqualsTheSource(stack, app, reader, Duration.ofSeconds(90));
      List<GenericRecord> shadows = StackShadows.avroRecords(stack, topics.shadowsTopic());
      assertThat(shadows.stream().map(r -> r.get("shadowId").toString())).doesNotHaveDuplicates();
      assertThat(shadows)
          .as("shadows cut during the storm hold transactions")
          .filteredOn(
              r ->
                  (long) r.get("cutTime") > stormStart
                      && (long) r.get("cutTime") < stormEnd
                      && (long) r.get("transactionCount") > 0)
          .hasSizeGreaterThanOrEqualTo(2);
      // One shadow per check, four at a time: the oracle reads are independent.
      List<Callable<Void>> checks = new ArrayList<>();
      for (GenericRecord shadow : shadows) {
        checks.add(
            () -> {
              oracle.assertShadowsEqualSource(reader, List.of(shadow));
              return null;
            });
      }
      StackShadows.runAll(checks);
      LOG.info("{} shadows equal to the source at their cut", shadows.size());
      assertThat(shadows).extracting(r -> r.get("lateTransactions")).containsOnly(0L);
    } finally {
      catalog.close();
    }

    // Nothing dead-lettered after the storm's records either (the workload's last changes and the
    // heartbeats since are all processed: the latest shadow equals the source).
    assertThat(Topics.readAll(stack.bootstrapServers(), topics.dlqTopic())).hasSize(POISON_RECORDS);

    // 0 crashes: the same stream thread throughout, never an error state.
    assertThat(app.metrics().deadLettered()).isEqualTo(POISON_RECORDS);
    assertThat(app.metrics().stoppedTables()).isZero();
    assertThat(streamThreads()).isEqualTo(threadsBefore);
    assertThat(states)
        .doesNotContain(
            KafkaStreams.State.PENDING_ERROR,
            KafkaStreams.State.ERROR,
            KafkaStreams.State.PENDING_SHUTDOWN);
    assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);
  }

  private static Set<String> streamThreads() {
    return app.kafkaStreams().metadataForLocalThreads().stream()
        .map(ThreadMetadata::threadName)
        .collect(Collectors.toCollection(TreeSet::new));
  }
}

package io.chronoshadow.prophet.topology;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.chronoshadow.prophet.engine.AnalysisSettings;
import io.chronoshadow.prophet.features.WatchRules;
import io.chronoshadow.schemas.avro.Anomaly;
import io.chronoshadow.schemas.avro.CutTrigger;
import io.chronoshadow.schemas.avro.ShadowCommitted;
import io.chronoshadow.schemas.avro.ShadowTableStats;
import io.chronoshadow.schemas.change.DecodeException;
import io.chronoshadow.schemas.connect.RegistryAvroConverter;
import io.chronoshadow.schemas.wire.RegistryAvroSerde;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class ProphetTopologyTest {

  static final Instant START = Instant.parse("2026-03-01T12:00:00Z");
  static final Duration STEP = Duration.ofSeconds(10);
  static final ProphetTopics TOPICS = ProphetTopics.defaults();

  @TempDir Path dir;

  private final MemoryRegistry registry = new MemoryRegistry();
  private final RegistryAvroSerde serde = new RegistryAvroSerde(registry, true, false);
  private final ProphetMetrics metrics = new ProphetMetrics();
  private TopologyTestDriver driver;
  private TestInputTopic<String, byte[]> stats;
  private TestOutputTopic<String, byte[]> forecasts;
  private TestOutputTopic<String, byte[]> anomalies;
  private TestOutputTopic<byte[], byte[]> dlq;
  private final Random random = new Random(7);
  private long sequence;
  private long rows = 5000;

  static AnalysisSettings settings() {
    return new AnalysisSettings(
        STEP,
        Map.of(),
        3,
        4,
        0.8,
        200,
        1,
        30,
        "hw-damped",
        false,
        true,
        Pattern.compile("id"),
        WatchRules.none());
  }

  @BeforeEach
  void start() {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "prophet-topology-test");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
    p.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    driver =
        new TopologyTestDriver(
            ProphetTopology.build(
                TOPICS, settings(), serde.deserializer(), serde.serializer(), metrics),
            p);
    stats =
        driver.createInputTopic(
            TOPICS.statsTopic(), new StringSerializer(), new ByteArraySerializer());
    forecasts =
        driver.createOutputTopic(
            TOPICS.forecastsTopic(), new StringDeserializer(), new ByteArrayDeserializer());
    anomalies =
        driver.createOutputTopic(
            TOPICS.anomaliesTopic(), new StringDeserializer(), new ByteArrayDeserializer());
    dlq =
        driver.createOutputTopic(
            TOPICS.dlqTopic(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  /** One shadow of the group: orders gets ~20 inserts (or a mass delete), payments a few. */
  private void shadow(long deletes) {
    sequence++;
    Instant cut = START.plus(STEP.multipliedBy(sequence));
    long inserts = 20 + random.nextInt(9) - 4;
    rows += inserts - deletes;
    send(
        StatsRecords.stats(
            "shop", "shop.orders", sequence, cut, inserts, deletes, rows, inserts * 50.0, inserts));
    send(
        StatsRecords.stats(
            "shop", "shop.payments", sequence, cut, 5, 0, 100 + 5 * sequence, 250.0, 5));
  }

  private void send(ShadowTableStats r) {
    String key = r.getGroup() + "." + r.getTable();
    stats.pipeInput(key, serde.serializer().serialize(TOPICS.statsTopic(), r), r.getCutTime());
  }

  private static Struct decode(RegistryAvroConverter converter, String topic, byte[] value) {
    SchemaAndValue decoded = converter.toConnectData(topic, value);
    assertThat(decoded.schema().type()).isEqualTo(Schema.Type.STRUCT);
    return (Struct) decoded.value();
  }

  @Test
  void forecastsForEverySeriesAndAnAlarmWithItsExplanationReadableByAConnectSink() {
    int warmup = settings().warmupSteps(STEP);
    for (int i = 0; i < warmup + 10; i++) {
      shadow(0);
    }
    assertThat(anomalies.isEmpty()).as("no alarm on clean data").isTrue();
    RegistryAvroConverter converter = new RegistryAvroConverter(registry);
    converter.configure(Map.of(), false);
    Set<String> forecastSeries = new TreeSet<>();
    for (TestRecord<String, byte[]> r : forecasts.readRecordsToList()) {
      Struct f = decode(converter, TOPICS.forecastsTopic(), r.value());
      assertThat(r.key())
          .isEqualTo(
              f.getString("group") + "/" + f.getString("table") + "/" + f.getString("metric"));
      assertThat(f.getInt64("stepMillis")).isEqualTo(STEP.toMillis());
      assertThat(f.getString("model")).startsWith("hw-damped");
      List<Struct> steps = f.getArray("steps");
      assertThat(steps).hasSize(4);
      Struct first = steps.get(0);
      assertThat(first.getInt32("stepsAhead")).isEqualTo(1);
      assertThat(((java.util.Date) first.get("time")).getTime())
          .isEqualTo(((java.util.Date) f.get("time")).getTime() + STEP.toMillis());
      assertThat(first.getFloat64("lower")).isLessThanOrEqualTo(first.getFloat64("point"));
      assertThat(first.getFloat64("upper")).isGreaterThanOrEqualTo(first.getFloat64("point"));
      assertThat(first.<Struct>getArray("quantiles")).hasSize(5);
      forecastSeries.add(r.key());
    }
    assertThat(forecastSeries)
        .containsExactlyInAnyOrder(
            "shop/shop.orders/rows",
            "shop/shop.orders/inserts",
            "shop/shop.orders/updates",
            "shop/shop.orders/deletes",
            "shop/shop.orders/bytes",
            "shop/shop.orders/amount.mean",
            "shop/shop.payments/rows",
            "shop/shop.payments/inserts",
            "shop/shop.payments/updates",
            "shop/shop.payments/deletes",
            "shop/shop.payments/bytes",
            "shop/shop.payments/amount.mean");

    shadow(2500);
    List<Struct> alarms = new ArrayList<>();
    List<TestRecord<String, byte[]>> published = anomalies.readRecordsToList();
    for (TestRecord<String, byte[]> r : published) {
      alarms.add(decode(converter, TOPICS.anomaliesTopic(), r.value()));
    }
    Struct rowsAlarm =
        alarms.stream()
            .filter(a -> a.getString("metric").equals("rows"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no alarm on the row count: " + alarms));
    assertThat(rowsAlarm.getString("table")).isEqualTo("shop.orders");
    assertThat(rowsAlarm.getString("severity")).isEqualTo("CRITICAL");
    assertThat(rowsAlarm.getString("status")).isEqualTo("SCORED");
    assertThat(rowsAlarm.getFloat64("observed")).isLessThan(rowsAlarm.getFloat64("lower"));
    assertThat(rowsAlarm.getFloat64("score")).isGreaterThan(8);
    assertThat(rowsAlarm.getString("explanation"))
        .startsWith("row count of shop.orders fell")
        .contains("below the expected");
    assertThat(alarms)
        .anySatisfy(
            a -> {
              assertThat(a.getString("metric")).isEqualTo("deletes");
              assertThat(a.getString("explanation"))
                  .contains("deletes per second from shop.orders rose");
            });
    assertThat(metrics.alarms()).isEqualTo(alarms.size());
    // TopicNameStrategy subjects: any Confluent-compatible consumer finds the schemas there.
    assertThat(registry.subjects())
        .contains(TOPICS.forecastsTopic() + "-value", TOPICS.anomaliesTopic() + "-value");
    int schemaId = ByteBuffer.wrap(published.get(0).value(), 1, 4).getInt();
    assertThat(registry.schemaById(schemaId)).isEqualTo(Anomaly.getClassSchema());
  }

  @Test
  void poisonRecordsGoToTheDeadLetterTopicWithTheirReasonAndProcessingContinues() {
    shadow(0);
    byte[] garbage = "not avro".getBytes(StandardCharsets.UTF_8);
    stats.pipeInput("shop.orders", garbage, START.plusSeconds(15));
    // A record of another schema: decodable, but not shadow statistics.
    ShadowCommitted committed = shadowCommitted();
    stats.pipeInput(
        "shop",
        serde.serializer().serialize(TOPICS.statsTopic(), committed),
        START.plusSeconds(16));
    // The same shadow again (both tables): stale.
    sequence--;
    shadow(0);
    for (int i = 0; i < 3; i++) {
      shadow(0);
    }

    List<TestRecord<byte[], byte[]>> letters = dlq.readRecordsToList();
    assertThat(letters).hasSize(4);
    assertThat(reason(letters.get(0).headers())).isEqualTo("UNDECODABLE");
    assertThat(letters.get(0).value()).isEqualTo(garbage);
    assertThat(header(letters.get(0).headers(), DecodeException.HEADER_TOPIC))
        .isEqualTo(TOPICS.statsTopic());
    assertThat(header(letters.get(0).headers(), DecodeException.HEADER_OFFSET)).isEqualTo("2");
    assertThat(reason(letters.get(1).headers())).isEqualTo("INVALID_STATS");
    assertThat(header(letters.get(1).headers(), DecodeException.HEADER_DETAIL))
        .contains("has no field table");
    assertThat(reason(letters.get(2).headers())).isEqualTo("STALE_STATS");
    assertThat(reason(letters.get(3).headers())).isEqualTo("STALE_STATS");
    assertThat(metrics.deadLettered()).isEqualTo(4);
    // Processing went on: 5 distinct shadows of 2 tables were applied.
    assertThat(metrics.statsRecords()).isEqualTo(2 + 2 + 2 + 6);
    assertThat(metrics.steps()).isGreaterThan(0);
  }

  @Test
  void aStormOfPoisonRecordsIsOneLogLinePerReasonButEveryRecordIsDeadLettered() {
    Logger logger = (Logger) LoggerFactory.getLogger(ProphetProcessor.class);
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    logger.addAppender(lines);
    try {
      for (int i = 0; i < 500; i++) {
        stats.pipeInput(
            "shop.orders",
            ("not avro " + i).getBytes(StandardCharsets.UTF_8),
            START.plusSeconds(i));
      }
      assertThat(dlq.readRecordsToList()).hasSize(500);
      assertThat(metrics.deadLettered()).isEqualTo(500);
      assertThat(lines.list)
          .singleElement()
          .satisfies(
              line ->
                  assertThat(line.getFormattedMessage())
                      .startsWith("dead letter from " + TOPICS.statsTopic() + "-0@0: UNDECODABLE"));
    } finally {
      logger.detachAppender(lines);
    }
  }

  private static ShadowCommitted shadowCommitted() {
    return ShadowCommitted.newBuilder()
        .setSchemaVersion(1)
        .setShadowId("shadow-shop-x")
        .setGroup("shop")
        .setSequence(9L)
        .setCutTime(START)
        .setTrigger(CutTrigger.SCHEDULED)
        .setTransactionCount(1L)
        .setLastTxId("1")
        .setChangeCount(1L)
        .setTables(List.of())
        .setRequestIds(List.of())
        .setCommitMillis(1L)
        .setLateTransactions(0L)
        .build();
  }

  private static String reason(Headers headers) {
    return header(headers, DecodeException.HEADER_REASON);
  }

  private static String header(Headers headers, String name) {
    return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}

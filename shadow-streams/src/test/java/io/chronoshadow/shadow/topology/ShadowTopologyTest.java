package io.chronoshadow.shadow.topology;

import static io.chronoshadow.shadow.topology.DebeziumJson.change;
import static io.chronoshadow.shadow.topology.DebeziumJson.end;
import static io.chronoshadow.shadow.topology.DebeziumJson.key;
import static io.chronoshadow.shadow.topology.DebeziumJson.row;
import static io.chronoshadow.shadow.topology.DebeziumJson.snapshotRead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import io.chronoshadow.schemas.change.ChangeEventDecoder;
import io.chronoshadow.schemas.change.DecodeException;
import io.chronoshadow.schemas.wire.RegistryAvroSerde;
import io.chronoshadow.shadow.commit.RowChange;
import io.chronoshadow.shadow.commit.ShadowCommitResult;
import io.chronoshadow.shadow.commit.ShadowWrite;
import io.chronoshadow.shadow.commit.TableWrite;
import io.chronoshadow.shadow.history.KeyChange;
import io.chronoshadow.shadow.policy.FixedBucketPolicy;
import io.chronoshadow.shadow.stage.TableSchemaReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topology's logic under {@link TopologyTestDriver}: routing, planner feeding, waiting events,
 * net staging, dead letters and the Avro outputs, with JSON Debezium input and a recording sink in
 * place of Iceberg (the Iceberg path is covered by {@code ShadowStreamsIT}).
 */
class ShadowTopologyTest {

  private static final String ITEMS = "items";
  private static final String ORDERS = "orders";

  @TempDir Path stateDir;

  private final List<ShadowWrite> writes = new ArrayList<>();
  private final TestRegistry registry = new TestRegistry();
  private final ShadowMetrics metrics = new ShadowMetrics();
  private final ShadowTopics topics = ShadowTopics.defaults(DebeziumJson.PREFIX);
  private TopologyTestDriver driver;
  private TestInputTopic<byte[], byte[]> items;
  private TestInputTopic<byte[], byte[]> orders;
  private TestInputTopic<byte[], byte[]> transactions;
  private TestInputTopic<byte[], byte[]> heartbeats;
  private long nextHeartbeatTx = 900_000;
  private TestInputTopic<byte[], byte[]> requests;
  private TestInputTopic<byte[], byte[]> policies;
  private TestOutputTopic<String, GenericRecord> shadows;
  private TestOutputTopic<String, GenericRecord> stats;
  private TestOutputTopic<byte[], byte[]> dlq;

  private void start(Duration interval) {
    ShadowTopologySettings settings =
        new ShadowTopologySettings(
            "shop", topics, FixedBucketPolicy.of(interval), DebeziumJson.HEARTBEAT_TABLE, "shop");
    var topology =
        ShadowTopology.build(
            settings,
            ChangeEventDecoder.jsonOnly(),
            ChangeLog.NONE,
            new TableSchemaReader(null),
            this::record,
            false,
            new RegistryAvroSerde(registry, true, false).serializer(),
            metrics);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "shadow-ttd-" + UUID.randomUUID());
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    driver = new TopologyTestDriver(topology, props);
    ByteArraySerializer bytes = new ByteArraySerializer();
    items = driver.createInputTopic(DebeziumJson.topic(ITEMS), bytes, bytes);
    orders = driver.createInputTopic(DebeziumJson.topic(ORDERS), bytes, bytes);
    transactions = driver.createInputTopic(topics.transactionTopic(), bytes, bytes);
    heartbeats = driver.createInputTopic(DebeziumJson.heartbeatTopic(), bytes, bytes);
    requests = driver.createInputTopic(topics.requestsTopic(), bytes, bytes);
    policies = driver.createInputTopic(topics.policiesTopic(), bytes, bytes);
    RegistryAvroSerde avro = new RegistryAvroSerde(registry, false, false);
    shadows =
        driver.createOutputTopic(
            topics.shadowsTopic(), new StringDeserializer(), avro.deserializer());
    stats =
        driver.createOutputTopic(
            topics.statsTopic(), new StringDeserializer(), avro.deserializer());
    ByteArrayDeserializer raw = new ByteArrayDeserializer();
    dlq = driver.createOutputTopic(topics.dlqTopic(), raw, raw);
  }

  /**
   * One run of Debezium's heartbeat action query, committed at {@code millis}: a transaction of the
   * heartbeat table, its row on that table's topic and its END on the transaction topic.
   */
  private void heartbeat(long millis) {
    long txId = nextHeartbeatTx++;
    heartbeats.pipeInput(DebeziumJson.key(1), DebeziumJson.heartbeatChange(txId, millis));
    transactions.pipeInput(null, DebeziumJson.heartbeatEnd(txId, millis));
  }

  private ShadowCommitResult record(ShadowWrite write) {
    writes.add(write);
    return new ShadowCommitResult(write.shadowId(), List.of(), Duration.ofMillis(3));
  }

  @AfterEach
  void close() {
    if (driver != null) {
      driver.close();
    }
  }

  @Test
  void multiTableTransactionLandsWholeInOneShadowWhateverTheTopicInterleaving() {
    start(Duration.ofSeconds(1));
    // tx 101 @1000: items 1 inserted and updated, orders 7 inserted (its event arrives last).
    transactions.pipeInput(DebeziumJson.begin(101, 1000), DebeziumJson.begin(101, 1000));
    transactions.pipeInput(null, end(101, 1000, Map.of(ITEMS, 2L, ORDERS, 1L)));
    items.pipeInput(key(1), change(ITEMS, "c", null, row(1, "a", "1.50"), 101, 1, 1000));
    items.pipeInput(
        key(1), change(ITEMS, "u", row(1, "a", "1.50"), row(1, "b", "2.50"), 101, 2, 1000));
    // tx 102 @1500: items 2 inserted then deleted.
    items.pipeInput(key(2), change(ITEMS, "c", null, row(2, "x", "9.00"), 102, 1, 1500));
    items.pipeInput(key(2), change(ITEMS, "d", row(2, "x", "9.00"), null, 102, 2, 1500));
    transactions.pipeInput(null, end(102, 1500, Map.of(ITEMS, 2L)));
    // tx 103 @2500 closes the bucket [1000, 2000): shadow 1 = tx 101 + 102.
    transactions.pipeInput(null, end(103, 2500, Map.of(ORDERS, 1L)));
    assertThat(writes).as("orders has not delivered tx 101's event yet").isEmpty();

    orders.pipeInput(key(7), change(ORDERS, "c", null, row(7, "o", "3.00"), 101, 1, 1000));
    assertThat(writes).hasSize(1);
    ShadowWrite first = writes.get(0);
    assertThat(first.shadowId()).isEqualTo("shadow-shop-19700101T000002.000Z");
    assertThat(first.sequence()).isEqualTo(1);
    Map<String, TableWrite> byTable = byTable(first);
    assertThat(byTable).containsOnlyKeys(ITEMS, ORDERS);
    assertThat(netById(byTable.get(ITEMS)))
        .containsOnlyKeys(1L, 2L)
        .satisfies(
            net -> {
              assertThat(net.get(1L)).isInstanceOf(RowChange.Upsert.class);
              assertThat(net.get(1L).values())
                  .containsEntry("name", "b")
                  .containsEntry("price", new BigDecimal("2.50"));
              assertThat(net.get(2L)).isInstanceOf(RowChange.Delete.class);
            });
    assertThat(netById(byTable.get(ORDERS))).containsOnlyKeys(7L);
    // The change history: items 1 inserted then updated (one insert, two events, the last
    // after-image); items 2 inserted and deleted within the shadow (no entry); orders 7 inserted.
    assertThat(first.history())
        .extracting(KeyChange::sourceTable, KeyChange::op, KeyChange::events)
        .containsExactlyInAnyOrder(
            tuple("shop.items", KeyChange.ChangeOp.INSERT, 2),
            tuple("shop.orders", KeyChange.ChangeOp.INSERT, 1));
    KeyChange item =
        first.history().stream()
            .filter(c -> c.sourceTable().equals("shop.items"))
            .findFirst()
            .orElseThrow();
    assertThat(item.key()).containsExactly(entry("id", "1"));
    assertThat(item.before()).isNull();
    assertThat(item.after()).containsEntry("name", "b").containsEntry("price", "2.50");
    assertThat(item.lastCommitTime()).isEqualTo(Instant.ofEpochMilli(1000));

    // tx 103's orders event waits for cut 2, which a heartbeat closes.
    orders.pipeInput(
        key(7), change(ORDERS, "u", row(7, "o", "3.00"), row(7, "o", "4.00"), 103, 1, 2500));
    assertThat(writes).hasSize(1);
    heartbeat(3500);
    assertThat(writes).hasSize(2);
    ShadowWrite second = writes.get(1);
    assertThat(second.shadowId()).isEqualTo("shadow-shop-19700101T000003.000Z");
    assertThat(byTable(second)).containsOnlyKeys(ORDERS);
    assertThat(netById(byTable(second).get(ORDERS)).get(7L).values())
        .containsEntry("price", new BigDecimal("4.00"));
    assertThat(second.history())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.op()).isEqualTo(KeyChange.ChangeOp.UPDATE);
              assertThat(c.before()).containsEntry("price", "3.00");
              assertThat(c.after()).containsEntry("price", "4.00");
              assertThat(c.changedColumns()).containsExactly("price");
            });

    List<GenericRecord> committed = shadows.readValuesToList();
    assertThat(committed).hasSize(2);
    assertThat(committed.get(0).get("shadowId").toString()).isEqualTo(first.shadowId());
    assertThat(committed.get(0).get("transactionCount")).isEqualTo(2L);
    assertThat(committed.get(0).get("changeCount")).isEqualTo(5L);
    assertThat(committed.get(0).get("trigger").toString()).isEqualTo("SCHEDULED");
    Map<String, GenericRecord> firstStats = statsOf(stats.readRecordsToList(), 1);
    GenericRecord itemStats = firstStats.get("shop.shop.items");
    assertThat(itemStats.get("inserts")).isEqualTo(2L);
    assertThat(itemStats.get("updates")).isEqualTo(1L);
    assertThat(itemStats.get("deletes")).isEqualTo(1L);
    assertThat(itemStats.get("changedKeys")).isEqualTo(2L);
    assertThat(itemStats.get("rowCount")).isEqualTo(1L);
    @SuppressWarnings("unchecked")
    List<GenericRecord> aggregates = (List<GenericRecord>) itemStats.get("aggregates");
    GenericRecord price =
        aggregates.stream()
            .filter(a -> a.get("column").toString().equals("price"))
            .findFirst()
            .orElseThrow();
    assertThat(price.get("count")).isEqualTo(1L);
    assertThat(price.get("sum")).isEqualTo(2.5);
    assertThat(price.get("sumOfSquares")).isEqualTo(6.25);
    assertThat(price.get("key")).isEqualTo(false);
    GenericRecord id =
        aggregates.stream()
            .filter(a -> a.get("column").toString().equals("id"))
            .findFirst()
            .orElseThrow();
    assertThat(id.get("key")).isEqualTo(true);
    assertThat(dlq.isEmpty()).isTrue();
  }

  @Test
  void poisonRecordGoesToTheDeadLetterTopicAndProcessingContinues() {
    start(Duration.ofSeconds(1));
    items.pipeInput(key(1), change(ITEMS, "c", null, row(1, "a", "1.00"), 101, 1, 1000));
    byte[] garbage = {1, 2, 3, (byte) 0xff};
    items.pipeInput(new TestRecord<>("k".getBytes(StandardCharsets.UTF_8), garbage));
    items.pipeInput(key(2), change(ITEMS, "c", null, row(2, "b", "2.00"), 101, 2, 1000));
    transactions.pipeInput(null, end(101, 1000, Map.of(ITEMS, 2L)));
    heartbeat(2000);

    TestRecord<byte[], byte[]> dead = dlq.readRecord();
    assertThat(dead.value()).isEqualTo(garbage);
    assertThat(dead.key()).isEqualTo("k".getBytes(StandardCharsets.UTF_8));
    assertThat(header(dead, DecodeException.HEADER_REASON)).isEqualTo("MALFORMED_BYTES");
    assertThat(header(dead, DecodeException.HEADER_TOPIC)).isEqualTo(DebeziumJson.topic(ITEMS));
    assertThat(header(dead, DecodeException.HEADER_OFFSET)).isEqualTo("1");
    assertThat(metrics.deadLettered()).isEqualTo(1);
    assertThat(writes).hasSize(1);
    assertThat(netById(byTable(writes.get(0)).get(ITEMS))).containsOnlyKeys(1L, 2L);
  }

  @Test
  void duplicatesOfAtLeastOnceCaptureAreDroppedOnce() {
    start(Duration.ofSeconds(1));
    byte[] event = change(ITEMS, "c", null, row(1, "a", "1.00"), 101, 1, 1000);
    items.pipeInput(key(1), event);
    items.pipeInput(key(1), event);
    transactions.pipeInput(null, end(101, 1000, Map.of(ITEMS, 1L)));
    transactions.pipeInput(null, end(101, 1000, Map.of(ITEMS, 1L)));
    items.pipeInput(key(2), change(ITEMS, "c", null, row(2, "b", "2.00"), 102, 1, 2100));
    transactions.pipeInput(null, end(102, 2100, Map.of(ITEMS, 1L)));
    heartbeat(3000);

    assertThat(writes).hasSize(2);
    assertThat(netById(byTable(writes.get(0)).get(ITEMS))).containsOnlyKeys(1L);
    assertThat(netById(byTable(writes.get(1)).get(ITEMS))).containsOnlyKeys(2L);
    assertThat(metrics.duplicateEvents()).isEqualTo(1);
    List<GenericRecord> stat =
        stats.readValuesToList().stream()
            .filter(s -> (long) s.get("sequence") == 1L)
            .collect(Collectors.toList());
    assertThat(stat).singleElement().satisfies(s -> assertThat(s.get("inserts")).isEqualTo(1L));
  }

  @Test
  void baselineWaitsForEveryTablesWholeSnapshot() {
    start(Duration.ofSeconds(1));
    items.pipeInput(key(1), snapshotRead(ITEMS, row(1, "a", "1.00"), "first", 500));
    items.pipeInput(
        key(2), snapshotRead(ITEMS, row(2, "b", "2.00"), "last_in_data_collection", 500));
    orders.pipeInput(key(7), snapshotRead(ORDERS, row(7, "o", "7.00"), "true", 500));
    items.pipeInput(
        key(1), change(ITEMS, "u", row(1, "a", "1.00"), row(1, "a2", "1.00"), 101, 1, 1000));
    transactions.pipeInput(null, end(101, 1000, Map.of(ITEMS, 1L)));
    heartbeat(2500);
    assertThat(writes).as("orders' snapshot is not complete").isEmpty();

    orders.pipeInput(key(8), snapshotRead(ORDERS, row(8, "p", "8.00"), "last", 500));
    assertThat(writes).hasSize(1);
    Map<String, TableWrite> baseline = byTable(writes.get(0));
    assertThat(netById(baseline.get(ITEMS))).containsOnlyKeys(1L, 2L);
    assertThat(netById(baseline.get(ITEMS)).get(1L).values()).containsEntry("name", "a2");
    assertThat(netById(baseline.get(ORDERS))).containsOnlyKeys(7L, 8L);
    GenericRecord orderStats = statsOf(stats.readRecordsToList(), 1).get("shop.shop.orders");
    assertThat(orderStats.get("snapshotReads")).isEqualTo(2L);
    assertThat(orderStats.get("rowCount")).isEqualTo(2L);
  }

  @Test
  void aGroupWithOnlySnapshotRowsGetsItsBaselineShadow() {
    start(Duration.ofSeconds(1));
    items.pipeInput(
        key(1), snapshotRead(ITEMS, row(1, "a", "1.00"), "last_in_data_collection", 1500));
    orders.pipeInput(key(7), snapshotRead(ORDERS, row(7, "o", "7.00"), "last", 1500));
    assertThat(writes).as("the snapshot's bucket [1000, 2000) is still open").isEmpty();
    heartbeat(2000);

    assertThat(writes).singleElement().satisfies(w -> assertThat(w.sequence()).isEqualTo(1));
    ShadowWrite baseline = writes.get(0);
    assertThat(baseline.cutTime()).isEqualTo(Instant.ofEpochMilli(2000));
    assertThat(netById(byTable(baseline).get(ITEMS))).containsOnlyKeys(1L);
    assertThat(netById(byTable(baseline).get(ORDERS))).containsOnlyKeys(7L);
    assertThat(baseline.history())
        .extracting(KeyChange::op)
        .containsOnly(KeyChange.ChangeOp.SNAPSHOT);
    GenericRecord shadow = shadows.readValue();
    assertThat(shadow.get("transactionCount")).isEqualTo(0L);
    assertThat(shadow.get("lastTxId").toString()).isEmpty();
  }

  @Test
  void manualCutRequestSplitsTheOpenBucketAndInvalidControlRecordsAreDeadLettered() {
    start(Duration.ofHours(1));
    items.pipeInput(key(1), change(ITEMS, "c", null, row(1, "a", "1.00"), 101, 1, 1000));
    transactions.pipeInput(null, end(101, 1000, Map.of(ITEMS, 1L)));
    requests.pipeInput(
        null,
        ManualRequests.toJson("shop", "r-1", Instant.ofEpochMilli(1500))
            .getBytes(StandardCharsets.UTF_8));
    requests.pipeInput(null, "{not json".getBytes(StandardCharsets.UTF_8));
    policies.pipeInput(
        "shop".getBytes(StandardCharsets.UTF_8),
        "{\"group\":\"shop\",\"type\":\"fixed\"}".getBytes(StandardCharsets.UTF_8));
    items.pipeInput(key(2), change(ITEMS, "c", null, row(2, "b", "2.00"), 102, 1, 2000));
    transactions.pipeInput(null, end(102, 2000, Map.of(ITEMS, 1L)));

    assertThat(writes).hasSize(1);
    assertThat(writes.get(0).cutTime()).isEqualTo(Instant.ofEpochMilli(1500));
    assertThat(netById(byTable(writes.get(0)).get(ITEMS))).containsOnlyKeys(1L);
    GenericRecord shadow = shadows.readValue();
    assertThat(shadow.get("trigger").toString()).isEqualTo("MANUAL");
    assertThat(shadow.get("requestIds").toString()).contains("r-1");
    List<TestRecord<byte[], byte[]>> dead = dlq.readRecordsToList();
    assertThat(dead)
        .extracting(r -> header(r, DecodeException.HEADER_REASON))
        .containsExactly("INVALID_CONTROL_RECORD", "INVALID_CONTROL_RECORD");
    assertThat(dead)
        .extracting(r -> header(r, DecodeException.HEADER_TOPIC))
        .containsExactly(topics.requestsTopic(), topics.policiesTopic());
  }

  @Test
  void aPolicyTombstoneOfTheGroupRestoresTheConfiguredPolicyAndOtherGroupsTombstonesDoNot() {
    start(Duration.ofSeconds(1));
    byte[] shop = "shop".getBytes(StandardCharsets.UTF_8);
    byte[] hourly =
        "{\"group\":\"shop\",\"type\":\"fixed\",\"interval\":\"PT1H\"}"
            .getBytes(StandardCharsets.UTF_8);
    policies.pipeInput(shop, hourly);
    policies.pipeInput("other".getBytes(StandardCharsets.UTF_8), (byte[]) null);
    items.pipeInput(key(1), change(ITEMS, "c", null, row(1, "a", "1.00"), 101, 1, 1000));
    transactions.pipeInput(null, end(101, 1000, Map.of(ITEMS, 1L)));
    items.pipeInput(key(2), change(ITEMS, "c", null, row(2, "b", "2.00"), 102, 1, 2500));
    transactions.pipeInput(null, end(102, 2500, Map.of(ITEMS, 1L)));
    assertThat(writes).as("hourly: nothing is cut at 2 s").isEmpty();

    // Deleting the group's policy brings back the configured 1 s grid, from the next cut on: the
    // open hourly bucket still ends at 1 h, and the bucket after it is 1 s long.
    policies.pipeInput(shop, (byte[]) null);
    items.pipeInput(key(3), change(ITEMS, "c", null, row(3, "c", "3.00"), 103, 1, 3_600_500));
    transactions.pipeInput(null, end(103, 3_600_500, Map.of(ITEMS, 1L)));
    items.pipeInput(key(4), change(ITEMS, "c", null, row(4, "d", "4.00"), 104, 1, 3_602_500));
    transactions.pipeInput(null, end(104, 3_602_500, Map.of(ITEMS, 1L)));
    assertThat(writes)
        .extracting(ShadowWrite::cutTime)
        .containsExactly(Instant.ofEpochMilli(3_600_000), Instant.ofEpochMilli(3_601_000));
  }

  @Test
  void onlyTheCommitOrderClosesCutsAndTheHeartbeatTableIsNotShadowed() {
    start(Duration.ofSeconds(1));
    items.pipeInput(key(1), change(ITEMS, "c", null, row(1, "a", "1.00"), 101, 1, 1000));
    transactions.pipeInput(null, end(101, 1000, Map.of(ITEMS, 1L)));
    // Debezium's own heartbeat records (stamped with the capture process's clock) are not even
    // an input: only the commit order closes a cut.
    TestInputTopic<byte[], byte[]> captureHeartbeats =
        driver.createInputTopic(
            "__debezium-heartbeat." + DebeziumJson.PREFIX,
            new ByteArraySerializer(),
            new ByteArraySerializer());
    assertThatThrownBy(
            () ->
                captureHeartbeats.pipeInput(
                    "{\"serverName\":\"demo\"}".getBytes(StandardCharsets.UTF_8),
                    "{\"ts_ms\":99000}".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("Unknown topic");

    // A heartbeat transaction committed at 1999 is still inside the bucket; one at 2000 closes it.
    heartbeat(1999);
    assertThat(writes).isEmpty();
    heartbeat(2000);
    assertThat(writes).singleElement();
    assertThat(byTable(writes.get(0))).containsOnlyKeys(ITEMS);
    GenericRecord shadow = shadows.readValue();
    assertThat(shadow.get("transactionCount")).as("heartbeats are not the group's").isEqualTo(1L);
    assertThat(shadow.get("lateTransactions")).isEqualTo(0L);
    assertThat(stats.readValuesToList())
        .extracting(r -> r.get("table").toString())
        .doesNotContain(DebeziumJson.HEARTBEAT_TABLE);
    assertThat(metrics.lateTransactions()).isZero();
    assertThat(dlq.isEmpty()).isTrue();
  }

  @Test
  void aTransactionCommittedBeforeAClosedCutIsRecordedAsLateAndNotLost() {
    start(Duration.ofSeconds(1));
    items.pipeInput(key(1), change(ITEMS, "c", null, row(1, "a", "1.00"), 101, 1, 1000));
    transactions.pipeInput(null, end(101, 1000, Map.of(ITEMS, 1L)));
    heartbeat(2100);
    assertThat(writes).hasSize(1);
    // In commit order after the heartbeat, but stamped 1500 (the source clock stepped back, or
    // capture delivered out of order): shadow 1 (cut 2000) should have held it and cannot now.
    items.pipeInput(key(2), change(ITEMS, "c", null, row(2, "b", "2.00"), 102, 1, 1500));
    transactions.pipeInput(null, end(102, 1500, Map.of(ITEMS, 1L)));
    assertThat(metrics.lateTransactions()).isEqualTo(1);
    assertThat(metrics.lastLate().txId()).isEqualTo("102");
    assertThat(metrics.lastLate().commitMillis()).isEqualTo(1500);
    assertThat(metrics.lastLate().missedShadowId()).isEqualTo(writes.get(0).shadowId());
    heartbeat(3000);

    assertThat(writes).hasSize(2);
    assertThat(netById(byTable(writes.get(1)).get(ITEMS))).containsOnlyKeys(2L);
    List<GenericRecord> announced = shadows.readValuesToList();
    assertThat(announced).extracting(r -> r.get("lateTransactions")).containsExactly(0L, 1L);
    assertThat(dlq.isEmpty()).isTrue();
  }

  private static Map<String, TableWrite> byTable(ShadowWrite write) {
    Map<String, TableWrite> out = new TreeMap<>();
    // The group's default schema is shop: shop.items → items.
    write.tables().forEach(t -> out.put(t.table(), t));
    return out;
  }

  private static Map<Long, RowChange> netById(TableWrite write) {
    Map<Long, RowChange> out = new TreeMap<>();
    for (RowChange c : write.changes()) {
      assertThat(out.put((Long) c.values().get("id"), c)).as("one net change per key").isNull();
    }
    return out;
  }

  private static Map<String, GenericRecord> statsOf(
      List<TestRecord<String, GenericRecord>> records, long sequence) {
    Map<String, GenericRecord> out = new TreeMap<>();
    records.stream()
        .filter(r -> (long) r.value().get("sequence") == sequence)
        .forEach(r -> out.put(r.key(), r.value()));
    return out;
  }

  private static String header(TestRecord<byte[], byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}

package io.chronoshadow.devstack.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.chronoshadow.devstack.DevStackException;
import io.chronoshadow.devstack.kafka.EmbeddedKafka;
import io.chronoshadow.devstack.postgres.EmbeddedPostgresServer;
import io.chronoshadow.devstack.registry.RegistryOptions;
import io.chronoshadow.devstack.registry.RegistryProcess;
import io.chronoshadow.schemas.change.ChangeEvent;
import io.chronoshadow.schemas.change.ChangeEventDecoder;
import io.chronoshadow.schemas.change.DecodedRecord;
import io.chronoshadow.schemas.change.Op;
import io.chronoshadow.schemas.change.TransactionEvent;
import io.chronoshadow.schemas.registry.SchemaRegistryClient;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Capture against real PostgreSQL, Kafka and Apicurio Registry; records decoded through the
 * registry.
 */
class DebeziumCaptureTest {

  static final Duration WAIT = Duration.ofSeconds(60);
  static final ConverterKind KIND = ConverterKind.AVRO;

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path dir;

  static EmbeddedPostgresServer pg;
  static EmbeddedKafka kafka;
  static RegistryProcess registry;
  static DebeziumCapture capture;
  static ChangeEventDecoder decoder;

  @BeforeAll
  static void start() throws SQLException {
    pg =
        EmbeddedPostgresServer.start(
            dir.resolve("postgres"), 0, "chrono", "chrono", "source", "catalog");
    kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
    registry = RegistryProcess.start(RegistryOptions.defaults(dir.resolve("registry")));
    execute(
        pg.sourceDataSource(),
        "CREATE SCHEMA shop",
        "CREATE TABLE shop.items (id int PRIMARY KEY, name text NOT NULL, price numeric(10,2) NOT NULL)",
        "CREATE TABLE shop.orders (id int PRIMARY KEY, item_id int NOT NULL, qty int NOT NULL)");
    capture = DebeziumCapture.start(settings());
    decoder = new ChangeEventDecoder(new SchemaRegistryClient(registry.ccompatUrl()));
  }

  static CaptureSettings settings() {
    return new CaptureSettings(
        dir.resolve("capture"),
        kafka.bootstrapServers(),
        pg.host(),
        pg.port(),
        "source",
        "chrono",
        "chrono",
        "demo",
        List.of("shop"),
        KIND,
        registry.ccompatUrl(),
        Duration.ofMillis(500));
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {capture, registry, kafka, pg}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)).isEmpty();
  }

  @Test
  void insertUpdateDeleteArriveAsChangeEventsWithBeforeAfterTransactionAndLsn()
      throws SQLException {
    execute(
        pg.sourceDataSource(),
        "INSERT INTO shop.items VALUES (1, 'lamp', 12.50)",
        "UPDATE shop.items SET price = 13.00 WHERE id = 1",
        "DELETE FROM shop.items WHERE id = 1");

    List<ChangeEvent> events =
        awaitChanges("demo.shop.items", e -> Objects.equals(e.key().get("id"), 1), 3);

    assertThat(events).extracting(ChangeEvent::op).containsExactly(Op.CREATE, Op.UPDATE, Op.DELETE);
    ChangeEvent c = events.get(0);
    ChangeEvent u = events.get(1);
    ChangeEvent d = events.get(2);
    assertThat(c.sourceTable()).isEqualTo("shop.items");
    assertThat(c.before()).isNull();
    assertThat(c.after())
        .containsEntry("name", "lamp")
        .containsEntry("price", new BigDecimal("12.50"));
    assertThat(u.before()).containsEntry("price", new BigDecimal("12.50")); // REPLICA IDENTITY FULL
    assertThat(u.after()).containsEntry("price", new BigDecimal("13.00"));
    assertThat(d.before())
        .containsEntry("name", "lamp")
        .containsEntry("price", new BigDecimal("13.00"));
    assertThat(d.after()).isNull();
    for (ChangeEvent e : events) {
      assertThat(e.transactionId()).isNotBlank();
      assertThat(e.txId()).isNotNull();
      assertThat(e.lsn()).isNotNull();
    }
    assertThat(events).extracting(ChangeEvent::txId).doesNotHaveDuplicates();
    assertThat(events).extracting(ChangeEvent::lsn).isSorted();
  }

  @Test
  void aMultiTableTransactionIsOneTransactionWithPerTableCounts() throws SQLException {
    try (Connection c = pg.sourceDataSource().getConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("INSERT INTO shop.items VALUES (10, 'chair', 40.00), (11, 'table', 99.99)");
      s.execute("INSERT INTO shop.orders VALUES (100, 10, 4)");
      c.commit();
    }

    List<ChangeEvent> items =
        awaitChanges("demo.shop.items", e -> List.of(10, 11).contains(e.key().get("id")), 2);
    List<ChangeEvent> orders =
        awaitChanges("demo.shop.orders", e -> Objects.equals(e.key().get("id"), 100), 1);
    // One source transaction: the same source.txId on every event. Debezium's transaction.id for
    // PostgreSQL is "<txId>:<LSN of the record>", so it differs per event; BEGIN and END carry
    // "<txId>:<LSN of BEGIN/COMMIT>". Join on the txId part.
    Long txId = items.get(0).txId();
    assertThat(items).extracting(ChangeEvent::txId).containsOnly(txId);
    assertThat(orders).extracting(ChangeEvent::txId).containsOnly(txId);
    assertThat(items)
        .extracting(ChangeEvent::transactionId)
        .allMatch(id -> id.startsWith(txId + ":"));
    String prefix = txId + ":";

    List<TransactionEvent> tx =
        decodeAll(
                TopicReader.readUntil(
                    kafka.bootstrapServers(),
                    "demo.transaction",
                    WAIT,
                    records ->
                        decodeAll(records).stream()
                            .anyMatch(
                                r ->
                                    r instanceof TransactionEvent t
                                        && t.id().startsWith(prefix)
                                        && t.status() == TransactionEvent.Status.END)))
            .stream()
            .map(TransactionEvent.class::cast)
            .filter(t -> t.id().startsWith(prefix))
            .toList();
    assertThat(tx)
        .extracting(TransactionEvent::status)
        .containsExactly(TransactionEvent.Status.BEGIN, TransactionEvent.Status.END);
    TransactionEvent end = tx.get(1);
    assertThat(end.eventCount()).isEqualTo(3);
    assertThat(
            end.dataCollections().stream()
                .collect(
                    Collectors.toMap(
                        TransactionEvent.DataCollectionCount::dataCollection,
                        TransactionEvent.DataCollectionCount::eventCount)))
        .isEqualTo(Map.of("shop.items", 2L, "shop.orders", 1L));
  }

  @Test
  void heartbeatsAreSourceTransactionsOfTheHeartbeatTableThatKeepTheSlotMoving()
      throws SQLException {
    // WAL written by another database of the same server (as the Iceberg catalog does)...
    execute(
        pg.catalogDataSource(),
        "CREATE TABLE IF NOT EXISTS busy (n int)",
        "INSERT INTO busy VALUES (1)");
    String walAfterCatalogWrite =
        queryOne(pg.catalogDataSource(), "SELECT pg_current_wal_lsn()::text");
    // ...is confirmed by the slot thanks to the heartbeat's own transactions in the source
    // database.
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                "t"
                    .equals(
                        queryOne(
                            pg.sourceDataSource(),
                            "SELECT confirmed_flush_lsn >= '"
                                + walAfterCatalogWrite
                                + "'::pg_lsn FROM pg_replication_slots WHERE slot_name = 'chrono_demo'")));
    // While the source is idle, each heartbeat is a transaction of the heartbeat table alone, in
    // the commit order: its END carries a commit time that later heartbeats never go below, which
    // is what lets the shadow topology close a cut without trusting capture's clock.
    String bootstrap = kafka.bootstrapServers();
    int before = heartbeatEnds(TopicReader.readToEnd(bootstrap, "demo.transaction")).size();
    List<TransactionEvent> ends =
        heartbeatEnds(
            TopicReader.readUntil(
                bootstrap,
                "demo.transaction",
                WAIT,
                records -> heartbeatEnds(records).size() >= before + 3));
    assertThat(ends).allSatisfy(end -> assertThat(end.eventCount()).isEqualTo(1));
    for (int i = 1; i < ends.size(); i++) {
      assertThat(ends.get(i).timestamp()).isAfterOrEqualTo(ends.get(i - 1).timestamp());
    }
    assertThat(capture.publishedCount("demo." + Heartbeats.TABLE)).isPositive();
    assertThat(capture.publishedCount()).isPositive();
    assertThat(capture.isRunning()).isTrue();
  }

  /** The END events of heartbeat transactions (those touching only the heartbeat table). */
  private static List<TransactionEvent> heartbeatEnds(
      List<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> records) {
    return decodeAll(records).stream()
        .filter(
            r ->
                r instanceof TransactionEvent t
                    && t.status() == TransactionEvent.Status.END
                    && !t.dataCollections().isEmpty()
                    && t.dataCollections().stream()
                        .allMatch(c -> c.dataCollection().equals(Heartbeats.TABLE)))
        .map(TransactionEvent.class::cast)
        .toList();
  }

  @Test
  void captureRefusesToStartWithoutTablesInOneLine() {
    CaptureSettings empty =
        new CaptureSettings(
            dir.resolve("capture-empty"),
            kafka.bootstrapServers(),
            pg.host(),
            pg.port(),
            "source",
            "chrono",
            "chrono",
            "empty",
            List.of("nothing_here"),
            ConverterKind.JSON,
            null,
            Duration.ofSeconds(1));
    assertThatThrownBy(() -> DebeziumCapture.start(empty))
        .isInstanceOf(DevStackException.class)
        .hasMessageContaining("no table to capture in schema(s) nothing_here");
  }

  static List<ChangeEvent> awaitChanges(String topic, Predicate<ChangeEvent> mine, int expected) {
    return TopicReader.readUntil(
            kafka.bootstrapServers(),
            topic,
            WAIT,
            records -> changes(records, mine).size() >= expected)
        .stream()
        .map(decoder::decode)
        .map(ChangeEvent.class::cast)
        .filter(mine)
        .toList();
  }

  static List<ChangeEvent> changes(
      List<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> records,
      Predicate<ChangeEvent> mine) {
    return decodeAll(records).stream().map(ChangeEvent.class::cast).filter(mine).toList();
  }

  static List<DecodedRecord> decodeAll(
      List<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> records) {
    return records.stream().map(decoder::decode).toList();
  }

  static void execute(DataSource ds, String... statements) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  static String queryOne(DataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }
}

package io.chronoshadow.schemas.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Debezium's JSON output, with schemas.enable true ("schema") and false ("plain"). */
class ChangeEventDecoderJsonTest {
  private static final String TOPIC = "demo.shop.products";
  private final ChangeEventDecoder decoder = ChangeEventDecoder.jsonOnly();

  static byte[] resource(String name) {
    try (InputStream in =
        ChangeEventDecoderJsonTest.class.getResourceAsStream("/debezium/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private ChangeEvent change(String event, String flavour) {
    DecodedRecord decoded =
        decoder.decode(
            TOPIC,
            resource("products-key." + flavour + ".json"),
            resource("products-" + event + "." + flavour + ".json"));
    assertThat(decoded).isInstanceOf(ChangeEvent.class);
    return (ChangeEvent) decoded;
  }

  @Test
  void createWithSchemaHasTypedValues() {
    ChangeEvent create = change("create", "schema");

    assertThat(create.sourceTable()).isEqualTo("shop.products");
    assertThat(create.op()).isEqualTo(Op.CREATE);
    assertThat(create.key()).containsExactly(Map.entry("id", 101));
    assertThat(create.before()).isNull();
    assertThat(create.after())
        .containsExactly(
            Map.entry("id", 101),
            Map.entry("name", "Widget"),
            Map.entry("price", new BigDecimal("19.99")),
            Map.entry("created_at", Instant.parse("2024-11-27T09:33:20.123456Z")),
            Map.entry("updated_at", Instant.parse("2024-11-27T09:33:20.123456Z")),
            Map.entry("in_stock", true),
            Map.entry("release_date", LocalDate.ofEpochDay(20_000)),
            Map.entry("weight", 1.25));
    assertThat(create.transactionId()).isEqualTo("571:34445656");
    assertThat(create.txId()).isEqualTo(571L);
    assertThat(create.lsn()).isEqualTo(34_445_656L);
    assertThat(create.sequence()).containsExactly(34_445_000L, 34_445_656L);
    assertThat(create.commitTime()).isEqualTo(Instant.parse("2024-11-27T09:33:20.500123Z"));
    assertThat(create.eventTime()).isEqualTo(Instant.parse("2024-11-27T09:33:20.600007Z"));
    assertThat(create.totalOrder()).isEqualTo(1L);
    assertThat(create.dataCollectionOrder()).isEqualTo(1L);
    assertThat(create.source()).containsEntry("snapshot", "false").containsEntry("db", "shop");
  }

  @Test
  void updateAndDeleteCarryBeforeImages() {
    ChangeEvent update = change("update", "schema");
    ChangeEvent delete = change("delete", "schema");

    assertThat(update.op()).isEqualTo(Op.UPDATE);
    assertThat(update.before()).containsEntry("price", new BigDecimal("19.99"));
    assertThat(update.after())
        .containsEntry("price", new BigDecimal("24.99"))
        .containsEntry("in_stock", false)
        .containsEntry("updated_at", Instant.parse("2024-11-27T10:00:00Z"));
    assertThat(update.totalOrder()).isEqualTo(2L);
    assertThat(delete.op()).isEqualTo(Op.DELETE);
    assertThat(delete.after()).isNull();
    assertThat(delete.before()).containsEntry("price", new BigDecimal("24.99"));
    assertThat(delete.txId()).isEqualTo(573L);
  }

  @Test
  void snapshotReadHasNoTransactionAndAHalfEmptySequence() {
    ChangeEvent read = change("read", "schema");

    assertThat(read.op()).isEqualTo(Op.READ);
    assertThat(read.transactionId()).isNull();
    assertThat(read.totalOrder()).isNull();
    assertThat(read.sequence()).containsExactly(null, 34_440_000L);
    assertThat(read.source()).containsEntry("snapshot", "first");
  }

  @ParameterizedTest
  @ValueSource(strings = {"create", "update", "delete", "read"})
  void withoutSchemasTheSameEnvelopeDecodesWithJsonTypes(String event) {
    ChangeEvent typed = change(event, "schema");
    ChangeEvent plain = change(event, "plain");

    assertThat(plain.op()).isEqualTo(typed.op());
    assertThat(plain.sourceTable()).isEqualTo(typed.sourceTable());
    assertThat(plain.key()).containsExactly(Map.entry("id", 101L));
    assertThat(plain.transactionId()).isEqualTo(typed.transactionId());
    assertThat(plain.txId()).isEqualTo(typed.txId());
    assertThat(plain.lsn()).isEqualTo(typed.lsn());
    assertThat(plain.sequence()).isEqualTo(typed.sequence());
    assertThat(plain.commitTime()).isEqualTo(typed.commitTime());
    assertThat(plain.eventTime()).isEqualTo(typed.eventTime());
    Map<String, Object> row = plain.after() != null ? plain.after() : plain.before();
    // No schema, no logical types: Debezium's raw encodings come through as JSON types.
    assertThat(row)
        .containsEntry("id", 101L)
        .containsEntry("created_at", 1_732_700_000_123_456L)
        .containsEntry("release_date", 20_000L)
        .containsEntry("weight", 1.25);
    assertThat(row.get("price")).isInstanceOf(String.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"schema", "plain"})
  void transactionBeginAndEnd(String flavour) {
    byte[] key = resource("transaction-key." + flavour + ".json");
    DecodedRecord begin =
        decoder.decode("demo.transaction", key, resource("transaction-begin." + flavour + ".json"));
    DecodedRecord end =
        decoder.decode("demo.transaction", key, resource("transaction-end." + flavour + ".json"));

    assertThat(begin)
        .isEqualTo(
            new TransactionEvent(
                TransactionEvent.Status.BEGIN,
                "571:34445656",
                null,
                List.of(),
                Instant.ofEpochMilli(1_732_700_000_500L)));
    assertThat(end)
        .isEqualTo(
            new TransactionEvent(
                TransactionEvent.Status.END,
                "571:34445656",
                3L,
                List.of(
                    new TransactionEvent.DataCollectionCount("shop.products", 2),
                    new TransactionEvent.DataCollectionCount("shop.orders", 1)),
                Instant.ofEpochMilli(1_732_700_000_500L)));
  }

  @Test
  void heartbeat() {
    DecodedRecord decoded =
        decoder.decode(
            "__debezium-heartbeat.demo",
            resource("heartbeat-key.plain.json"),
            resource("heartbeat.plain.json"));

    assertThat(decoded)
        .isEqualTo(
            new Heartbeat(
                Instant.ofEpochMilli(1_732_700_003_000L), null, Map.of("serverName", "demo")));
  }

  @Test
  void heartbeatWithLsnOnAnyTopicIsRecognizedByItsKey() {
    DecodedRecord decoded =
        decoder.decode(
            "heartbeats",
            resource("heartbeat-key.plain.json"),
            "{\"ts_ms\": 5, \"lsn\": 34449999}".getBytes());

    assertThat(decoded).isInstanceOf(Heartbeat.class);
    assertThat(((Heartbeat) decoded).lsn()).isEqualTo(34_449_999L);
  }

  @Test
  void nullValueIsATombstoneWithItsKey() {
    DecodedRecord decoded = decoder.decode(TOPIC, resource("products-key.schema.json"), null);

    assertThat(decoded).isEqualTo(new Tombstone(TOPIC, Map.of("id", 101)));
  }

  @Test
  void leadingWhitespaceIsStillJson() {
    byte[] json = resource("products-create.plain.json");
    byte[] padded = new byte[json.length + 3];
    Arrays.fill(padded, (byte) ' ');
    System.arraycopy(json, 0, padded, 3, json.length);

    assertThat(decoder.decode(TOPIC, null, padded)).isInstanceOf(ChangeEvent.class);
  }

  @Test
  void schemalessKeyWithAColumnNamedSchemaIsNotMistakenForAnEnvelope() {
    DecodedRecord decoded =
        decoder.decode(
            TOPIC,
            "{\"schema\": \"public\", \"id\": 5}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
            null);

    assertThat(decoded).isEqualTo(new Tombstone(TOPIC, Map.of("schema", "public", "id", 5L)));
  }
}

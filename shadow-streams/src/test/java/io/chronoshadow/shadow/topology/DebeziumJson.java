package io.chronoshadow.shadow.topology;

import io.chronoshadow.fixtures.debezium.DebeziumEvents;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;

/**
 * Debezium-shaped records in JSON (change events with embedded schemas, as JsonConverter with
 * schemas.enable writes them; transaction and heartbeat records schemaless), so that topology tests
 * need no registry. One test table {@code shop.items(id bigint pk, name text, price
 * numeric(10,2))}, and {@code shop.orders} with the same shape.
 */
final class DebeziumJson {

  static final String PREFIX = "demo";

  static final Schema KEY =
      SchemaBuilder.struct().name("Key").field("id", Schema.INT64_SCHEMA).build();

  static final Schema ROW =
      SchemaBuilder.struct()
          .name("Value")
          .optional()
          .field("id", Schema.INT64_SCHEMA)
          .field("name", Schema.OPTIONAL_STRING_SCHEMA)
          .field(
              "price",
              Decimal.builder(2).parameter("connect.decimal.precision", "10").optional().build())
          .build();

  static final Schema ENVELOPE = DebeziumEvents.envelope("Envelope", ROW);

  private static final JsonConverter KEYS = converter(true);
  private static final JsonConverter VALUES = converter(false);

  private DebeziumJson() {}

  private static JsonConverter converter(boolean isKey) {
    JsonConverter c = new JsonConverter();
    c.configure(Map.of("schemas.enable", "true"), isKey);
    return c;
  }

  /** The heartbeat table that Debezium's heartbeat.action.query writes (the topology's default). */
  static final String HEARTBEAT_TABLE = "chrono.heartbeat";

  static String topic(String table) {
    return PREFIX + ".shop." + table;
  }

  static String heartbeatTopic() {
    return PREFIX + "." + HEARTBEAT_TABLE;
  }

  static byte[] key(long id) {
    return KEYS.fromConnectData("t", KEY, new Struct(KEY).put("id", id));
  }

  static Struct row(long id, String name, String price) {
    return new Struct(ROW)
        .put("id", id)
        .put("name", name)
        .put("price", price == null ? null : new BigDecimal(price));
  }

  /** A streaming change of transaction {@code txId} committed at {@code commitMillis}. */
  static byte[] change(
      String table,
      String op,
      Struct before,
      Struct after,
      long txId,
      long order,
      long commitMillis) {
    Struct tx = DebeziumEvents.transaction(txId + ":" + (1000 + order), order);
    return envelope("shop", table, op, before, after, txId, null, commitMillis, tx);
  }

  /**
   * The row of one run of the heartbeat action query (transaction {@code txId}, committed at {@code
   * commitMillis}): it goes to {@link #heartbeatTopic()}, its END to the transaction topic.
   */
  static byte[] heartbeatChange(long txId, long commitMillis) {
    Struct tx = DebeziumEvents.transaction(txId + ":1001", 1L);
    return envelope(
        "chrono",
        "heartbeat",
        "u",
        row(1, "beat", null),
        row(1, "beat", null),
        txId,
        null,
        commitMillis,
        tx);
  }

  /** The END of a heartbeat transaction. */
  static byte[] heartbeatEnd(long txId, long commitMillis) {
    return endQualified(txId, commitMillis, Map.of(HEARTBEAT_TABLE, 1L));
  }

  /**
   * An initial-snapshot read; {@code marker} e.g. "true", "last_in_data_collection". Like
   * PostgreSQL's, it carries the snapshot transaction's source.txId but no transaction block.
   */
  static byte[] snapshotRead(String table, Struct after, String marker, long millis) {
    return envelope("shop", table, "r", null, after, 77L, marker, millis, null);
  }

  private static byte[] envelope(
      String schema,
      String table,
      String op,
      Struct before,
      Struct after,
      Long txId,
      String marker,
      long millis,
      Struct tx) {
    Struct value =
        new Struct(ENVELOPE)
            .put("before", before)
            .put("after", after)
            .put("source", DebeziumEvents.source(PREFIX, schema, table, millis, marker, txId))
            .put("op", op)
            .put("ts_ms", millis)
            .put("transaction", tx);
    return VALUES.fromConnectData(PREFIX + "." + schema + "." + table, ENVELOPE, value);
  }

  /** A transaction END with per-table counts (schemaless JSON). */
  static byte[] end(long txId, long commitMillis, Map<String, Long> countsByTable) {
    Map<String, Long> qualified = new java.util.TreeMap<>();
    countsByTable.forEach((table, n) -> qualified.put("shop." + table, n));
    return endQualified(txId, commitMillis, qualified);
  }

  /** A transaction END with per-table counts, tables named {@code schema.table}. */
  static byte[] endQualified(long txId, long commitMillis, Map<String, Long> countsByTable) {
    StringBuilder collections = new StringBuilder();
    long total = 0;
    for (Map.Entry<String, Long> e : countsByTable.entrySet()) {
      if (collections.length() > 0) {
        collections.append(',');
      }
      collections
          .append("{\"data_collection\":\"")
          .append(e.getKey())
          .append("\",\"event_count\":")
          .append(e.getValue())
          .append('}');
      total += e.getValue();
    }
    return ("{\"status\":\"END\",\"id\":\""
            + txId
            + ":9"
            + txId
            + "\",\"event_count\":"
            + total
            + ",\"data_collections\":["
            + collections
            + "],\"ts_ms\":"
            + commitMillis
            + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  static byte[] begin(long txId, long commitMillis) {
    return ("{\"status\":\"BEGIN\",\"id\":\""
            + txId
            + ":8"
            + txId
            + "\",\"event_count\":null,\"data_collections\":null,\"ts_ms\":"
            + commitMillis
            + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  static List<String> tables() {
    return List.of("items", "orders");
  }
}

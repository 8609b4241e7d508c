package io.chronoshadow.schemas.connect;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/** Connect schemas and values shaped like Debezium's PostgreSQL output, with every type we map. */
public final class DebeziumLikeSchemas {
  private DebeziumLikeSchemas() {}

  public static final Schema KEY =
      SchemaBuilder.struct()
          .name("demo.shop.products.Key")
          .field("id", Schema.INT32_SCHEMA)
          .build();

  public static final Schema DIMENSIONS =
      SchemaBuilder.struct()
          .optional()
          .field("w", Schema.INT32_SCHEMA)
          .field("h", Schema.INT32_SCHEMA)
          .build();

  public static final Schema ROW =
      SchemaBuilder.struct()
          .name("demo.shop.products.Value")
          .optional()
          .field("id", Schema.INT32_SCHEMA)
          .field("tiny", Schema.INT8_SCHEMA)
          .field("small", Schema.OPTIONAL_INT16_SCHEMA)
          .field("qty", Schema.INT64_SCHEMA)
          .field("ratio", Schema.FLOAT32_SCHEMA)
          .field("weight", Schema.OPTIONAL_FLOAT64_SCHEMA)
          .field("active", Schema.BOOLEAN_SCHEMA)
          .field("name", Schema.STRING_SCHEMA)
          .field("blob", Schema.OPTIONAL_BYTES_SCHEMA)
          .field("price", Decimal.builder(2).parameter("connect.decimal.precision", "10").build())
          .field("cost", Decimal.builder(3).optional().build())
          .field("born", Date.SCHEMA)
          .field("opens", Time.SCHEMA)
          .field("seen", Timestamp.builder().optional().build())
          .field(
              "created_at",
              SchemaBuilder.int64().name("io.debezium.time.MicroTimestamp").version(1).build())
          .field(
              "status",
              SchemaBuilder.string()
                  .name("io.debezium.data.Enum")
                  .version(1)
                  .parameter("allowed", "new,old")
                  .defaultValue("new")
                  .build())
          .field("tags", SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).optional().build())
          .field("attrs", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build())
          .field("by_id", SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.STRING_SCHEMA).build())
          .field("order-no", Schema.OPTIONAL_STRING_SCHEMA)
          .field("dimensions", DIMENSIONS)
          .build();

  public static final Schema SOURCE =
      SchemaBuilder.struct()
          .name("io.debezium.connector.postgresql.Source")
          .field("version", Schema.STRING_SCHEMA)
          .field("connector", Schema.STRING_SCHEMA)
          .field("name", Schema.STRING_SCHEMA)
          .field("ts_ms", Schema.INT64_SCHEMA)
          .field(
              "snapshot",
              SchemaBuilder.string()
                  .optional()
                  .name("io.debezium.data.Enum")
                  .version(1)
                  .parameter("allowed", "true,last,false,incremental")
                  .defaultValue("false")
                  .build())
          .field("db", Schema.STRING_SCHEMA)
          .field("sequence", Schema.OPTIONAL_STRING_SCHEMA)
          .field("ts_us", Schema.OPTIONAL_INT64_SCHEMA)
          .field("schema", Schema.STRING_SCHEMA)
          .field("table", Schema.STRING_SCHEMA)
          .field("txId", Schema.OPTIONAL_INT64_SCHEMA)
          .field("lsn", Schema.OPTIONAL_INT64_SCHEMA)
          .field("xmin", Schema.OPTIONAL_INT64_SCHEMA)
          .build();

  public static final Schema TRANSACTION_BLOCK =
      SchemaBuilder.struct()
          .optional()
          .name("event.block")
          .version(1)
          .field("id", Schema.STRING_SCHEMA)
          .field("total_order", Schema.INT64_SCHEMA)
          .field("data_collection_order", Schema.INT64_SCHEMA)
          .build();

  public static final Schema ENVELOPE =
      SchemaBuilder.struct()
          .name("demo.shop.products.Envelope")
          .version(2)
          .field("before", ROW)
          .field("after", ROW)
          .field("source", SOURCE)
          .field("transaction", TRANSACTION_BLOCK)
          .field("op", Schema.STRING_SCHEMA)
          .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
          .build();

  public static Struct key(int id) {
    return new Struct(KEY).put("id", id);
  }

  public static Struct row(int id, String price) {
    Map<String, Integer> attrs = new LinkedHashMap<>();
    attrs.put("colour", 3);
    attrs.put("size", 9);
    Map<Integer, String> byId = new LinkedHashMap<>();
    byId.put(1, "one");
    byId.put(2, "two");
    return new Struct(ROW)
        .put("id", id)
        .put("tiny", (byte) -3)
        .put("small", (short) 300)
        .put("qty", 1L << 40)
        .put("ratio", 0.5f)
        .put("weight", null)
        .put("active", true)
        .put("name", "Widget ü")
        .put("blob", "raw".getBytes(StandardCharsets.UTF_8))
        .put("price", new BigDecimal(price))
        .put("cost", new BigDecimal("-0.125"))
        .put("born", new java.util.Date(20_000L * 86_400_000L))
        .put("opens", new java.util.Date(9 * 3_600_000L + 30 * 60_000L))
        .put("seen", new java.util.Date(1_732_700_000_123L))
        .put("created_at", 1_732_700_000_123_456L)
        .put("status", "old")
        .put("tags", Arrays.asList("a", null, "c"))
        .put("attrs", attrs)
        .put("by_id", byId)
        .put("order-no", "A-17")
        .put("dimensions", new Struct(DIMENSIONS).put("w", 3).put("h", 4));
  }

  public static Struct source(long txId, long lsn) {
    return new Struct(SOURCE)
        .put("version", "3.6.1.Final")
        .put("connector", "postgresql")
        .put("name", "demo")
        .put("ts_ms", 1_732_700_000_500L)
        .put("snapshot", "false")
        .put("db", "shop")
        .put("sequence", "[\"34445000\",\"" + lsn + "\"]")
        .put("ts_us", 1_732_700_000_500_123L)
        .put("schema", "shop")
        .put("table", "products")
        .put("txId", txId)
        .put("lsn", lsn)
        .put("xmin", null);
  }

  public static Struct update(int id) {
    return new Struct(ENVELOPE)
        .put("before", row(id, "19.99"))
        .put("after", row(id, "24.99"))
        .put("source", source(571L, 34_445_656L))
        .put(
            "transaction",
            new Struct(TRANSACTION_BLOCK)
                .put("id", "571:34445656")
                .put("total_order", 2L)
                .put("data_collection_order", 1L))
        .put("op", "u")
        .put("ts_ms", 1_732_700_000_600L);
  }

  public static List<String> fieldNames(Schema schema) {
    return schema.fields().stream().map(org.apache.kafka.connect.data.Field::name).toList();
  }
}

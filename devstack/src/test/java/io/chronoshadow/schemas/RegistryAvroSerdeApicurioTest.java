package io.chronoshadow.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chronoshadow.devstack.registry.RegistryProcess;
import io.chronoshadow.schemas.change.ChangeEvent;
import io.chronoshadow.schemas.change.ChangeEventDecoder;
import io.chronoshadow.schemas.change.DecodeException;
import io.chronoshadow.schemas.change.Op;
import io.chronoshadow.schemas.connect.RegistryAvroConverter;
import io.chronoshadow.schemas.registry.SchemaRegistryClient;
import io.chronoshadow.schemas.wire.RegistryAvroDeserializer;
import io.chronoshadow.schemas.wire.RegistryAvroSerializer;
import io.chronoshadow.schemas.wire.WireFormat;
import io.chronoshadow.schemas.wire.WireFormatException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Serdes, the Connect converter and the change decoder through the real Apicurio Registry. */
class RegistryAvroSerdeApicurioTest {
  private static final String TOPIC = "demo.shop.products";

  private static final org.apache.kafka.connect.data.Schema KEY =
      SchemaBuilder.struct()
          .name("demo.shop.products.Key")
          .field("id", org.apache.kafka.connect.data.Schema.INT32_SCHEMA)
          .build();
  private static final org.apache.kafka.connect.data.Schema ROW =
      SchemaBuilder.struct()
          .name("demo.shop.products.Value")
          .optional()
          .field("id", org.apache.kafka.connect.data.Schema.INT32_SCHEMA)
          .field("name", org.apache.kafka.connect.data.Schema.STRING_SCHEMA)
          .field("price", Decimal.builder(2).parameter("connect.decimal.precision", "10").build())
          .field(
              "created_at",
              SchemaBuilder.int64().name("io.debezium.time.MicroTimestamp").version(1).build())
          .field(
              "release_date",
              SchemaBuilder.int32().name("io.debezium.time.Date").version(1).optional().build())
          .build();
  private static final org.apache.kafka.connect.data.Schema SOURCE =
      SchemaBuilder.struct()
          .name("io.debezium.connector.postgresql.Source")
          .field("version", org.apache.kafka.connect.data.Schema.STRING_SCHEMA)
          .field("connector", org.apache.kafka.connect.data.Schema.STRING_SCHEMA)
          .field("name", org.apache.kafka.connect.data.Schema.STRING_SCHEMA)
          .field("ts_ms", org.apache.kafka.connect.data.Schema.INT64_SCHEMA)
          .field(
              "snapshot",
              SchemaBuilder.string()
                  .optional()
                  .name("io.debezium.data.Enum")
                  .version(1)
                  .parameter("allowed", "true,last,false,incremental")
                  .defaultValue("false")
                  .build())
          .field("db", org.apache.kafka.connect.data.Schema.STRING_SCHEMA)
          .field("sequence", org.apache.kafka.connect.data.Schema.OPTIONAL_STRING_SCHEMA)
          .field("schema", org.apache.kafka.connect.data.Schema.STRING_SCHEMA)
          .field("table", org.apache.kafka.connect.data.Schema.STRING_SCHEMA)
          .field("txId", org.apache.kafka.connect.data.Schema.OPTIONAL_INT64_SCHEMA)
          .field("lsn", org.apache.kafka.connect.data.Schema.OPTIONAL_INT64_SCHEMA)
          .build();
  private static final org.apache.kafka.connect.data.Schema ENVELOPE =
      SchemaBuilder.struct()
          .name("demo.shop.products.Envelope")
          .version(2)
          .field("before", ROW)
          .field("after", ROW)
          .field("source", SOURCE)
          .field("op", org.apache.kafka.connect.data.Schema.STRING_SCHEMA)
          .field("ts_ms", org.apache.kafka.connect.data.Schema.OPTIONAL_INT64_SCHEMA)
          .build();

  @TempDir static Path registryDir;
  private static RegistryProcess registry;

  @BeforeAll
  static void startRegistry() {
    registry = RegistryProcess.start(registryDir);
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  private static Map<String, Object> config() {
    return Map.of("schema.registry.url", registry.ccompatUrl());
  }

  @Test
  void avroSerializerToDeserializerRoundTrip() {
    Schema order =
        org.apache.avro.SchemaBuilder.record("Order")
            .namespace("io.chronoshadow.it")
            .fields()
            .requiredLong("id")
            .optionalString("note")
            .endRecord();
    GenericRecord record = new GenericData.Record(order);
    record.put("id", 42L);
    record.put("note", "hello");
    RegistryAvroSerializer<GenericRecord> serializer = new RegistryAvroSerializer<>();
    serializer.configure(config(), false);
    RegistryAvroDeserializer deserializer = new RegistryAvroDeserializer();
    deserializer.configure(config(), false);

    byte[] bytes = serializer.serialize("orders", record);
    GenericRecord back = deserializer.deserialize("orders", bytes);

    assertThat(back.get("id")).isEqualTo(42L);
    assertThat(back.get("note").toString()).isEqualTo("hello");
    assertThat(new SchemaRegistryClient(registry.ccompatUrl()).latest("orders-value").id())
        .isEqualTo(WireFormat.unframe(bytes).schemaId());
  }

  @Test
  void unknownSchemaIdIsTyped() {
    RegistryAvroDeserializer deserializer = new RegistryAvroDeserializer();
    deserializer.configure(config(), false);

    assertThatThrownBy(() -> deserializer.deserialize("t", WireFormat.frame(876_543, new byte[1])))
        .isInstanceOfSatisfying(
            WireFormatException.class,
            e -> assertThat(e.reason()).isEqualTo(WireFormatException.Reason.UNKNOWN_SCHEMA_ID));
    assertThatThrownBy(
            () ->
                new ChangeEventDecoder(new SchemaRegistryClient(registry.ccompatUrl()))
                    .decode(TOPIC, 0, 5L, null, WireFormat.frame(876_543, new byte[1])))
        .isInstanceOfSatisfying(
            DecodeException.class,
            e -> assertThat(e.reason()).isEqualTo(DecodeException.Reason.UNKNOWN_SCHEMA_ID));
  }

  @Test
  void connectConverterRoundTripsADebeziumEnvelopeAndTheDecoderReadsIt() {
    Struct row =
        new Struct(ROW)
            .put("id", 7)
            .put("name", "Widget")
            .put("price", new BigDecimal("19.99"))
            .put("created_at", 1_732_700_000_123_456L)
            .put("release_date", 20_000);
    Struct source =
        new Struct(SOURCE)
            .put("version", "3.6.1.Final")
            .put("connector", "postgresql")
            .put("name", "demo")
            .put("ts_ms", 1_732_700_000_500L)
            .put("snapshot", "false")
            .put("db", "shop")
            .put("sequence", "[\"34445000\",\"34445656\"]")
            .put("schema", "shop")
            .put("table", "products")
            .put("txId", 571L)
            .put("lsn", 34_445_656L);
    Struct envelope =
        new Struct(ENVELOPE)
            .put("after", row)
            .put("source", source)
            .put("op", "c")
            .put("ts_ms", 1_732_700_000_600L);
    RegistryAvroConverter keys = new RegistryAvroConverter();
    keys.configure(config(), true);
    RegistryAvroConverter values = new RegistryAvroConverter();
    values.configure(config(), false);

    byte[] keyBytes = keys.fromConnectData(TOPIC, KEY, new Struct(KEY).put("id", 7));
    byte[] valueBytes = values.fromConnectData(TOPIC, ENVELOPE, envelope);

    RegistryAvroConverter reader = new RegistryAvroConverter();
    reader.configure(config(), false);
    SchemaAndValue back = reader.toConnectData(TOPIC, valueBytes);
    assertThat(back.schema()).isEqualTo(ENVELOPE);
    assertThat(back.value()).isEqualTo(envelope);
    SchemaRegistryClient client = new SchemaRegistryClient(registry.ccompatUrl());
    assertThat(client.subjects()).contains(TOPIC + "-key", TOPIC + "-value");
    Schema registered = client.schemaById(WireFormat.unframe(valueBytes).schemaId());
    assertThat(registered.getFullName()).isEqualTo("demo.shop.products.Envelope");

    ChangeEvent event =
        (ChangeEvent) new ChangeEventDecoder(client).decode(TOPIC, 0, 0L, keyBytes, valueBytes);
    assertThat(event.op()).isEqualTo(Op.CREATE);
    assertThat(event.sourceTable()).isEqualTo("shop.products");
    assertThat(event.key()).containsExactly(Map.entry("id", 7));
    assertThat(event.after())
        .containsEntry("price", new BigDecimal("19.99"))
        .containsEntry("created_at", Instant.parse("2024-11-27T09:33:20.123456Z"))
        .containsEntry("release_date", LocalDate.ofEpochDay(20_000));
    assertThat(event.lsn()).isEqualTo(34_445_656L);
  }
}

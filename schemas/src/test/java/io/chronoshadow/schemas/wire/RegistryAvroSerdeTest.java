package io.chronoshadow.schemas.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chronoshadow.schemas.avro.ColumnAggregate;
import io.chronoshadow.schemas.avro.ShadowTableStats;
import io.chronoshadow.schemas.registry.InMemorySchemaRegistry;
import io.chronoshadow.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class RegistryAvroSerdeTest {
  private static final Schema ORDER =
      SchemaBuilder.record("Order")
          .namespace("io.chronoshadow.test")
          .fields()
          .requiredLong("id")
          .requiredString("customer")
          .optionalDouble("amount")
          .endRecord();

  private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
  private final RegistryAvroSerializer<GenericRecord> serializer =
      new RegistryAvroSerializer<>(registry, true);
  private final RegistryAvroDeserializer deserializer = new RegistryAvroDeserializer(registry);

  private static GenericRecord order(long id) {
    GenericRecord record = new GenericData.Record(ORDER);
    record.put("id", id);
    record.put("customer", "ada");
    record.put("amount", 12.5);
    return record;
  }

  @Test
  void roundTripsThroughTheRegistry() {
    byte[] bytes = serializer.serialize("orders", order(7));

    assertThat(bytes[0]).isEqualTo(WireFormat.MAGIC_BYTE);
    int id = WireFormat.unframe(bytes).schemaId();
    assertThat(registry.latest("orders-value").id()).isEqualTo(id);
    GenericRecord back = deserializer.deserialize("orders", bytes);
    assertThat(back.get("id")).isEqualTo(7L);
    assertThat(back.get("customer").toString()).isEqualTo("ada");
    assertThat(back.get("amount")).isEqualTo(12.5);
  }

  @Test
  void keysGoToTheKeySubject() {
    serializer.forKeys(true).serialize("orders", order(1));

    assertThat(registry.subjects()).containsExactly("orders-key");
  }

  @Test
  void nullStaysNull() {
    assertThat(serializer.serialize("orders", null)).isNull();
    assertThat(deserializer.deserialize("orders", null)).isNull();
  }

  @Test
  void withoutAutoRegisterAnUnregisteredSchemaFails() {
    RegistryAvroSerializer<GenericRecord> strict = new RegistryAvroSerializer<>(registry, false);

    assertThatThrownBy(() -> strict.serialize("orders", order(1)))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class, e -> assertThat(e.isNotFound()).isTrue());
    serializer.serialize("orders", order(1));
    assertThat(strict.serialize("orders", order(2))).isNotEmpty();
  }

  @Test
  void unknownSchemaIdIsTyped() {
    byte[] bytes = WireFormat.frame(4242, new byte[] {2});

    assertThatThrownBy(() -> deserializer.deserialize("orders", bytes))
        .isInstanceOfSatisfying(
            WireFormatException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(WireFormatException.Reason.UNKNOWN_SCHEMA_ID);
              assertThat(e.schemaId()).isEqualTo(4242);
            });
  }

  @Test
  void truncatedPayloadIsAnAvroDecodeFailure() {
    byte[] bytes = serializer.serialize("orders", order(7));
    byte[] truncated = Arrays.copyOf(bytes, bytes.length - 3);

    assertThatThrownBy(() -> deserializer.deserialize("orders", truncated))
        .isInstanceOfSatisfying(
            WireFormatException.class,
            e -> assertThat(e.reason()).isEqualTo(WireFormatException.Reason.AVRO_DECODE_FAILURE));
  }

  @Test
  void trailingGarbageIsAnAvroDecodeFailure() {
    byte[] bytes = serializer.serialize("orders", order(7));
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 2);

    assertThatThrownBy(() -> deserializer.deserialize("orders", longer))
        .isInstanceOfSatisfying(
            WireFormatException.class,
            e -> assertThat(e.reason()).isEqualTo(WireFormatException.Reason.AVRO_DECODE_FAILURE));
  }

  @Test
  void wrongMagicAndTooShortAreTyped() {
    assertThatThrownBy(() -> deserializer.deserialize("t", new byte[] {1, 0, 0, 0, 1, 0}))
        .isInstanceOfSatisfying(
            WireFormatException.class,
            e -> assertThat(e.reason()).isEqualTo(WireFormatException.Reason.WRONG_MAGIC_BYTE));
    assertThatThrownBy(() -> deserializer.deserialize("t", new byte[] {0, 0}))
        .isInstanceOfSatisfying(
            WireFormatException.class,
            e -> assertThat(e.reason()).isEqualTo(WireFormatException.Reason.TOO_SHORT));
  }

  @Test
  void unreachableRegistryIsTyped() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    RegistryAvroDeserializer configured = new RegistryAvroDeserializer();
    configured.configure(
        Map.of(RegistrySerdeConfig.SCHEMA_REGISTRY_URL, "http://127.0.0.1:" + closedPort), false);

    assertThatThrownBy(() -> configured.deserialize("t", WireFormat.frame(1, new byte[] {2})))
        .isInstanceOfSatisfying(
            WireFormatException.class,
            e -> assertThat(e.reason()).isEqualTo(WireFormatException.Reason.REGISTRY_UNAVAILABLE));
  }

  @Test
  void valueNotMatchingItsSchemaIsAnEncodeFailure() {
    GenericRecord broken = new GenericData.Record(ORDER);
    broken.put("id", "not a long");
    broken.put("customer", "ada");

    assertThatThrownBy(() -> serializer.serialize("orders", broken))
        .isInstanceOfSatisfying(
            WireFormatException.class,
            e -> assertThat(e.reason()).isEqualTo(WireFormatException.Reason.AVRO_ENCODE_FAILURE));
  }

  @Test
  void configRequiresTheRegistryUrlAndReadsAutoRegister() {
    assertThatThrownBy(() -> new RegistryAvroSerializer<>().configure(Map.of(), false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("schema.registry.url");
    RegistrySerdeConfig config =
        RegistrySerdeConfig.from(
            Map.of(
                "schema.registry.url", "http://a:1,http://b:2", "auto.register.schemas", "false"));
    assertThat(config.registryUrl()).isEqualTo("http://a:1");
    assertThat(config.autoRegisterSchemas()).isFalse();
    assertThat(
            RegistrySerdeConfig.from(Map.of("schema.registry.url", "http://a:1"))
                .autoRegisterSchemas())
        .isTrue();
  }

  @Test
  void serdeWithAGivenRegistryNeedsNoUrl() {
    RegistryAvroSerde serde = new RegistryAvroSerde(registry, true, false);
    serde.configure(Map.of(), false);

    byte[] bytes = serde.serializer().serialize("orders", order(3));

    assertThat(serde.deserializer().deserialize("orders", bytes).get("id")).isEqualTo(3L);
    assertThat(registry.subjects()).containsExactly("orders-value");
  }

  /**
   * A generated record holds an Instant where the schema says timestamp-millis; it must reach the
   * wire exactly as the generic record with the epoch millis that readers (and older producers)
   * use.
   */
  @Test
  void generatedRecordsAreWrittenLikeTheirGenericForm() {
    Instant cut = Instant.parse("2026-11-27T14:05:00.123Z");
    ShadowTableStats specific =
        ShadowTableStats.newBuilder()
            .setShadowId("shadow-shop-1")
            .setGroup("shop")
            .setSequence(1L)
            .setCutTime(cut)
            .setTable("shop.orders")
            .setInserts(3L)
            .setUpdates(0L)
            .setDeletes(1L)
            .setSnapshotReads(0L)
            .setChangedKeys(4L)
            .setRowCount(2L)
            .setBytesWritten(100L)
            .setAggregates(List.of(new ColumnAggregate("amount", 2L, 5.0, 1.0, null, false, 13.0)))
            .build();
    Schema schema = ShadowTableStats.getClassSchema();
    GenericRecord generic = new GenericData.Record(schema);
    for (Schema.Field f : schema.getFields()) {
      generic.put(f.pos(), specific.get(f.pos()));
    }
    generic.put("cutTime", cut.toEpochMilli());
    RegistryAvroSerializer<ShadowTableStats> specificSerializer =
        new RegistryAvroSerializer<>(registry, true);

    byte[] bytes = specificSerializer.serialize("stats", specific);

    assertThat(bytes).isEqualTo(serializer.serialize("stats", generic));
    GenericRecord back = deserializer.deserialize("stats", bytes);
    assertThat(back.get("cutTime")).isEqualTo(cut.toEpochMilli());
    assertThat(back.get("schemaVersion")).isEqualTo(1);
    assertThat(((GenericRecord) ((List<?>) back.get("aggregates")).get(0)).get("max")).isNull();
  }
}

package io.chronoshadow.schemas.change;

import static org.assertj.core.api.Assertions.assertThat;

import io.chronoshadow.schemas.connect.DebeziumLikeSchemas;
import io.chronoshadow.schemas.connect.RegistryAvroConverter;
import io.chronoshadow.schemas.registry.InMemorySchemaRegistry;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Change events written by our converter (as Debezium Embedded will) decode to plain Java. */
class ChangeEventDecoderAvroTest {
  private static final String TOPIC = "demo.shop.products";
  private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
  private final ChangeEventDecoder decoder = new ChangeEventDecoder(registry);

  private byte[] write(boolean isKey, org.apache.kafka.connect.data.Schema schema, Object value) {
    RegistryAvroConverter converter = new RegistryAvroConverter(registry);
    converter.configure(Map.of("schema.registry.url", "http://unused.invalid"), isKey);
    return converter.fromConnectData(TOPIC, schema, value);
  }

  @Test
  void avroUpdateNormalizesEveryType() {
    byte[] key = write(true, DebeziumLikeSchemas.KEY, DebeziumLikeSchemas.key(7));
    byte[] value = write(false, DebeziumLikeSchemas.ENVELOPE, DebeziumLikeSchemas.update(7));

    ChangeEvent event = (ChangeEvent) decoder.decode(TOPIC, 0, 12L, key, value);

    assertThat(event.key()).containsExactly(Map.entry("id", 7));
    assertThat(event.op()).isEqualTo(Op.UPDATE);
    assertThat(event.sourceTable()).isEqualTo("shop.products");
    assertThat(event.transactionId()).isEqualTo("571:34445656");
    assertThat(event.txId()).isEqualTo(571L);
    assertThat(event.lsn()).isEqualTo(34_445_656L);
    assertThat(event.sequence()).containsExactly(34_445_000L, 34_445_656L);
    assertThat(event.totalOrder()).isEqualTo(2L);
    assertThat(event.commitTime()).isEqualTo(Instant.parse("2024-11-27T09:33:20.500123Z"));
    assertThat(event.eventTime()).isEqualTo(Instant.ofEpochMilli(1_732_700_000_600L));
    Map<String, Object> after = event.after();
    assertThat(after)
        .containsEntry("id", 7)
        .containsEntry("tiny", -3)
        .containsEntry("small", 300)
        .containsEntry("qty", 1L << 40)
        .containsEntry("ratio", 0.5d)
        .containsEntry("weight", null)
        .containsEntry("active", true)
        .containsEntry("name", "Widget ü")
        .containsEntry("price", new BigDecimal("24.99"))
        .containsEntry("cost", new BigDecimal("-0.125"))
        .containsEntry("born", LocalDate.ofEpochDay(20_000))
        .containsEntry("opens", LocalTime.of(9, 30))
        .containsEntry("seen", Instant.ofEpochMilli(1_732_700_000_123L))
        .containsEntry("created_at", Instant.parse("2024-11-27T09:33:20.123456Z"))
        .containsEntry("status", "old")
        .containsEntry("tags", Arrays.asList("a", null, "c"))
        .containsEntry("attrs", Map.of("colour", 3, "size", 9))
        .containsEntry("by_id", Map.of(1, "one", 2, "two"))
        .containsEntry("order-no", "A-17")
        .containsEntry("dimensions", Map.of("w", 3, "h", 4));
    assertThat((byte[]) after.get("blob")).asString().isEqualTo("raw");
    assertThat(List.copyOf(after.keySet()))
        .isEqualTo(DebeziumLikeSchemas.fieldNames(DebeziumLikeSchemas.ROW));
    assertThat(event.before()).containsEntry("price", new BigDecimal("19.99"));
  }

  @Test
  void avroKeyWithJsonValueIsFine() {
    byte[] key = write(true, DebeziumLikeSchemas.KEY, DebeziumLikeSchemas.key(101));

    DecodedRecord decoded =
        decoder.decode(
            TOPIC, key, ChangeEventDecoderJsonTest.resource("products-create.schema.json"));

    assertThat(((ChangeEvent) decoded).key()).containsExactly(Map.entry("id", 101));
  }

  @Test
  void avroTombstone() {
    byte[] key = write(true, DebeziumLikeSchemas.KEY, DebeziumLikeSchemas.key(7));

    assertThat(decoder.decode(TOPIC, key, null)).isEqualTo(new Tombstone(TOPIC, Map.of("id", 7)));
  }
}

package io.chronoshadow.schemas.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chronoshadow.schemas.registry.InMemorySchemaRegistry;
import io.chronoshadow.schemas.wire.WireFormat;
import io.chronoshadow.schemas.wire.WireFormatException;
import java.util.Map;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

class RegistryAvroConverterTest {
  private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

  private RegistryAvroConverter converter(boolean isKey) {
    RegistryAvroConverter converter = new RegistryAvroConverter(registry);
    converter.configure(Map.of("schema.registry.url", "http://unused.invalid"), isKey);
    return converter;
  }

  @Test
  void valuesRoundTripAndRegisterUnderTheValueSubject() {
    RegistryAvroConverter values = converter(false);
    Struct update = DebeziumLikeSchemas.update(7);

    byte[] bytes =
        values.fromConnectData("demo.shop.products", DebeziumLikeSchemas.ENVELOPE, update);
    SchemaAndValue back = values.toConnectData("demo.shop.products", bytes);

    assertThat(WireFormat.unframe(bytes).schemaId())
        .isEqualTo(registry.latest("demo.shop.products-value").id());
    assertThat(back.schema()).isEqualTo(DebeziumLikeSchemas.ENVELOPE);
    assertThat(back.value()).isEqualTo(update);
  }

  @Test
  void keysUseTheKeySubject() {
    RegistryAvroConverter keys = converter(true);

    byte[] bytes =
        keys.fromConnectData(
            "demo.shop.products", DebeziumLikeSchemas.KEY, DebeziumLikeSchemas.key(7));

    assertThat(registry.subjects()).containsExactly("demo.shop.products-key");
    assertThat(keys.toConnectData("demo.shop.products", bytes).value())
        .isEqualTo(DebeziumLikeSchemas.key(7));
  }

  @Test
  void nullIsATombstoneBothWays() {
    RegistryAvroConverter values = converter(false);

    assertThat(values.fromConnectData("t", DebeziumLikeSchemas.ROW, null)).isNull();
    assertThat(values.fromConnectData("t", null, null)).isNull();
    assertThat(values.toConnectData("t", null)).isEqualTo(SchemaAndValue.NULL);
  }

  @Test
  void schemalessDataIsRefused() {
    assertThatThrownBy(() -> converter(false).fromConnectData("t", null, Map.of("a", 1)))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("schema");
  }

  @Test
  void unreadableBytesAreDataExceptionsCarryingTheWireReason() {
    assertThatThrownBy(
            () -> converter(false).toConnectData("t", WireFormat.frame(99, new byte[] {1})))
        .isInstanceOf(DataException.class)
        .hasCauseInstanceOf(WireFormatException.class)
        .hasMessageContaining("99");
  }

  @Test
  void repeatedWritesReuseTheCachedTranslation() {
    RegistryAvroConverter values = converter(false);
    byte[] first =
        values.fromConnectData("t", DebeziumLikeSchemas.ENVELOPE, DebeziumLikeSchemas.update(1));
    byte[] second =
        values.fromConnectData("t", DebeziumLikeSchemas.ENVELOPE, DebeziumLikeSchemas.update(2));

    assertThat(WireFormat.unframe(second).schemaId())
        .isEqualTo(WireFormat.unframe(first).schemaId());
    values.toConnectData("t", first);
    values.toConnectData("t", second);
    assertThat(registry.schemaLookups()).isEqualTo(2);
  }
}

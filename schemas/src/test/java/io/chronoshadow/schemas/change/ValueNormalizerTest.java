package io.chronoshadow.schemas.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Base64;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class ValueNormalizerTest {

  private static Object named(Schema.Type type, String name, Object value) {
    return ValueNormalizer.normalize(SchemaBuilder.type(type).name(name).build(), value);
  }

  @Test
  void debeziumTimeTypes() {
    assertThat(named(Schema.Type.INT64, "io.debezium.time.Timestamp", 1_000L))
        .isEqualTo(Instant.ofEpochSecond(1));
    assertThat(named(Schema.Type.INT64, "io.debezium.time.MicroTimestamp", -1L))
        .isEqualTo(Instant.ofEpochSecond(0, -1_000));
    assertThat(named(Schema.Type.INT64, "io.debezium.time.NanoTimestamp", 1_500_000_001L))
        .isEqualTo(Instant.ofEpochSecond(1, 500_000_001));
    assertThat(
            named(
                Schema.Type.STRING, "io.debezium.time.ZonedTimestamp", "2024-01-01T10:00:00+02:00"))
        .isEqualTo(Instant.parse("2024-01-01T08:00:00Z"));
    assertThat(named(Schema.Type.INT32, "io.debezium.time.Date", -1))
        .isEqualTo(LocalDate.of(1969, 12, 31));
    assertThat(named(Schema.Type.INT32, "io.debezium.time.Time", 3_600_000))
        .isEqualTo(LocalTime.of(1, 0));
    assertThat(named(Schema.Type.INT64, "io.debezium.time.MicroTime", 1_000_001L))
        .isEqualTo(LocalTime.of(0, 0, 1, 1_000));
    assertThat(named(Schema.Type.INT64, "io.debezium.time.NanoTime", 5L))
        .isEqualTo(LocalTime.ofNanoOfDay(5));
    assertThat(named(Schema.Type.STRING, "io.debezium.time.ZonedTime", "10:15:30Z"))
        .isEqualTo("10:15:30Z");
    assertThat(named(Schema.Type.INT32, "io.debezium.time.Year", 2024)).isEqualTo(2024);
  }

  @Test
  void variableScaleDecimalWithAndWithoutSchema() {
    Schema schema =
        SchemaBuilder.struct()
            .name("io.debezium.data.VariableScaleDecimal")
            .field("scale", Schema.INT32_SCHEMA)
            .field("value", Schema.BYTES_SCHEMA)
            .build();
    byte[] unscaled = BigInteger.valueOf(-12345).toByteArray();

    assertThat(
            ValueNormalizer.normalize(
                schema, new Struct(schema).put("scale", 3).put("value", unscaled)))
        .isEqualTo(new BigDecimal("-12.345"));
    Map<String, Object> schemaless =
        Map.of("scale", 3L, "value", Base64.getEncoder().encodeToString(unscaled));
    assertThat(ValueNormalizer.normalize(schema, schemaless)).isEqualTo(new BigDecimal("-12.345"));
  }

  @Test
  void plainTypesWiden() {
    assertThat(ValueNormalizer.normalize(Schema.INT8_SCHEMA, (byte) 4)).isEqualTo(4);
    assertThat(ValueNormalizer.normalize(Schema.INT16_SCHEMA, (short) 4)).isEqualTo(4);
    assertThat(ValueNormalizer.normalize(Schema.FLOAT32_SCHEMA, 0.25f)).isEqualTo(0.25d);
    assertThat(
            ValueNormalizer.normalize(
                Schema.BYTES_SCHEMA, java.nio.ByteBuffer.wrap(new byte[] {1})))
        .isEqualTo(new byte[] {1});
    assertThat(ValueNormalizer.normalize(null, Map.of("f", 1.5f))).isEqualTo(Map.of("f", 1.5d));
  }
}

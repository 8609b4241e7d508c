package io.chronoshadow.schemas.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chronoshadow.schemas.registry.InMemorySchemaRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A few malformed bytes must be a decode failure, never an allocation the size they claim: a length
 * or item count near 2^31 in a 10-byte message made Avro allocate gigabytes (an {@link
 * OutOfMemoryError}, which the stream thread does not survive) before it found the message short.
 */
class RegistryAvroCodecLimitsTest {

  private static final Schema ALL =
      SchemaBuilder.record("Everything")
          .namespace("io.chronoshadow.test")
          .fields()
          .requiredString("text")
          .requiredBytes("blob")
          .name("items")
          .type()
          .array()
          .items()
          .longType()
          .noDefault()
          .name("tags")
          .type()
          .map()
          .values()
          .stringType()
          .noDefault()
          .endRecord();

  private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
  private final RegistryAvroCodec codec = new RegistryAvroCodec(registry);

  @ParameterizedTest
  @ValueSource(strings = {"text", "blob", "items", "tags"})
  void aHugeClaimedLengthIsADecodeFailure(String field) throws IOException {
    int id = registry.register("everything-value", ALL);
    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    BinaryEncoder out = EncoderFactory.get().directBinaryEncoder(payload, null);
    // Valid values up to the field, then a length (or item count) of 2^31 - 16 and nothing more.
    for (Schema.Field f : ALL.getFields()) {
      if (f.name().equals(field)) {
        break;
      }
      switch (f.schema().getType()) {
        case STRING -> out.writeString("a");
        case BYTES -> out.writeBytes(new byte[] {1});
        case ARRAY -> out.writeArrayStart();
        case MAP -> out.writeMapStart();
        default -> throw new IllegalStateException(f.name());
      }
      if (f.schema().getType() == Schema.Type.ARRAY || f.schema().getType() == Schema.Type.MAP) {
        out.setItemCount(0);
        if (f.schema().getType() == Schema.Type.ARRAY) {
          out.writeArrayEnd();
        } else {
          out.writeMapEnd();
        }
      }
    }
    out.writeLong(Integer.MAX_VALUE - 15);
    out.flush();
    byte[] message = WireFormat.frame(id, payload.toByteArray());

    long start = System.nanoTime();
    assertThatThrownBy(() -> codec.decode(message))
        .isInstanceOfSatisfying(
            WireFormatException.class,
            e -> assertThat(e.reason()).isEqualTo(WireFormatException.Reason.AVRO_DECODE_FAILURE));
    assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
  }

  @Test
  void valuesOfEveryLengthStillRoundTrip() {
    List<Long> items = new ArrayList<>();
    for (long i = 0; i < 5_000; i++) {
      items.add(i);
    }
    Map<String, String> tags = new TreeMap<>();
    for (int i = 0; i < 2_000; i++) {
      tags.put("k" + i, "v" + i);
    }
    GenericRecord record = new GenericData.Record(ALL);
    record.put("text", "x".repeat(100_000));
    record.put("blob", ByteBuffer.wrap(new byte[0]));
    record.put("items", items);
    record.put("tags", tags);

    byte[] message = codec.encode("everything-value", ALL, record, true);
    GenericRecord back = (GenericRecord) codec.decode(message).value();

    assertThat(back.get("text").toString()).hasSize(100_000);
    assertThat(((ByteBuffer) back.get("blob")).remaining()).isZero();
    assertThat(back.get("items")).asList().hasSize(5_000).endsWith(4_999L);
    assertThat(back.get("tags"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .hasSize(2_000);
  }
}

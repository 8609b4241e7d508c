package io.chronoshadow.schemas.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chronoshadow.schemas.change.DecodeException.Reason;
import io.chronoshadow.schemas.connect.DebeziumLikeSchemas;
import io.chronoshadow.schemas.connect.RegistryAvroConverter;
import io.chronoshadow.schemas.registry.InMemorySchemaRegistry;
import io.chronoshadow.schemas.wire.WireFormat;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class ChangeEventDecoderErrorsTest {
  private static final String TOPIC = "demo.shop.products";
  private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
  private final ChangeEventDecoder decoder = new ChangeEventDecoder(registry);

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String plainCreate() {
    return new String(
        ChangeEventDecoderJsonTest.resource("products-create.plain.json"), StandardCharsets.UTF_8);
  }

  private Reason reasonFor(byte[] key, byte[] value) {
    try {
      decoder.decode(TOPIC, 3, 42L, key, value);
    } catch (DecodeException e) {
      assertThat(e.coordinates()).isEqualTo(new RecordCoordinates(TOPIC, 3, 42L));
      return e.reason();
    }
    throw new AssertionError("decoded without error");
  }

  @Test
  void bytesThatAreNeitherWireFormatNorJson() {
    assertThat(reasonFor(null, utf8("hello"))).isEqualTo(Reason.MALFORMED_BYTES);
    assertThat(reasonFor(null, new byte[0])).isEqualTo(Reason.MALFORMED_BYTES);
    assertThat(reasonFor(null, new byte[] {0, 0, 1})).isEqualTo(Reason.MALFORMED_BYTES);
  }

  @Test
  void brokenJson() {
    assertThat(reasonFor(null, utf8("{\"op\": "))).isEqualTo(Reason.JSON_DECODE_FAILURE);
    assertThat(
            reasonFor(
                null,
                utf8("{\"schema\": {\"type\": \"int33\", \"optional\": false}, \"payload\": 1}")))
        .isEqualTo(Reason.JSON_DECODE_FAILURE);
  }

  @Test
  void unknownSchemaIdAndBrokenAvro() {
    assertThat(reasonFor(null, WireFormat.frame(77, new byte[] {2})))
        .isEqualTo(Reason.UNKNOWN_SCHEMA_ID);
    RegistryAvroConverter converter = new RegistryAvroConverter(registry);
    converter.configure(Map.of("schema.registry.url", "http://unused.invalid"), false);
    byte[] value =
        converter.fromConnectData(
            TOPIC, DebeziumLikeSchemas.ENVELOPE, DebeziumLikeSchemas.update(1));
    assertThat(reasonFor(null, Arrays.copyOf(value, value.length / 2)))
        .isEqualTo(Reason.AVRO_DECODE_FAILURE);
  }

  @Test
  void avroWithoutARegistry() {
    assertThatThrownBy(
            () ->
                ChangeEventDecoder.jsonOnly().decode(TOPIC, null, WireFormat.frame(1, new byte[1])))
        .isInstanceOfSatisfying(
            DecodeException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.REGISTRY_UNAVAILABLE));
  }

  @Test
  void wellFormedButNotAnEnvelope() {
    assertThat(reasonFor(null, utf8("{\"a\": 1}"))).isEqualTo(Reason.NOT_A_CHANGE_ENVELOPE);
    assertThat(reasonFor(null, utf8("{\"op\": \"c\", \"after\": {}}")))
        .isEqualTo(Reason.NOT_A_CHANGE_ENVELOPE);
    assertThat(
            reasonFor(
                utf8("{\"schema\": {\"type\": \"int32\", \"optional\": false}, \"payload\": 5}"),
                utf8(plainCreate())))
        .isEqualTo(Reason.NOT_A_CHANGE_ENVELOPE);
  }

  @Test
  void logicalDecodingMessagesAreUnsupportedOperations() {
    assertThat(reasonFor(null, utf8(plainCreate().replace("\"op\": \"c\"", "\"op\": \"m\""))))
        .isEqualTo(Reason.UNSUPPORTED_OPERATION);
  }

  @Test
  void envelopeFieldsOfTheWrongShape() {
    assertThat(
            reasonFor(
                null,
                utf8(plainCreate().replace("\"[\\\"34445000\\\",\\\"34445656\\\"]\"", "\"oops\""))))
        .isEqualTo(Reason.INVALID_FIELD);
    assertThat(reasonFor(null, utf8(plainCreate().replace("\"txId\": 571", "\"txId\": \"x\""))))
        .isEqualTo(Reason.INVALID_FIELD);
  }

  @Test
  void unparseableZonedTimestampIsAnUnsupportedType() {
    String json =
        new String(
            ChangeEventDecoderJsonTest.resource("products-create.schema.json"),
            StandardCharsets.UTF_8);
    assertThat(reasonFor(null, utf8(json.replace("2024-11-27T09:33:20.123456Z", "soon"))))
        .isEqualTo(Reason.UNSUPPORTED_TYPE);
  }

  @Test
  void deadLetterHeadersCarryReasonAndCoordinates() {
    ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(TOPIC, 2, 99L, null, utf8("nope"));

    assertThatThrownBy(() -> decoder.decode(record))
        .isInstanceOfSatisfying(
            DecodeException.class,
            e ->
                assertThat(e.deadLetterHeaders())
                    .containsEntry(DecodeException.HEADER_REASON, "MALFORMED_BYTES")
                    .containsEntry(DecodeException.HEADER_TOPIC, TOPIC)
                    .containsEntry(DecodeException.HEADER_PARTITION, "2")
                    .containsEntry(DecodeException.HEADER_OFFSET, "99")
                    .containsKey(DecodeException.HEADER_DETAIL));
  }
}

package io.chronoshadow.schemas.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WireFormatTest {

  @Test
  void framesMagicByteBigEndianIdThenPayload() {
    byte[] framed = WireFormat.frame(0x01020304, new byte[] {9, 8});

    assertThat(framed).containsExactly(0, 1, 2, 3, 4, 9, 8);
    WireFormat.Framed parsed = WireFormat.unframe(framed);
    assertThat(parsed.schemaId()).isEqualTo(0x01020304);
    assertThat(Arrays.copyOfRange(framed, parsed.payloadOffset(), framed.length))
        .containsExactly(9, 8);
    assertThat(parsed.payloadLength()).isEqualTo(2);
  }

  @Test
  void largestIdSurvives() {
    assertThat(WireFormat.unframe(WireFormat.frame(Integer.MAX_VALUE, new byte[0])).schemaId())
        .isEqualTo(Integer.MAX_VALUE);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 4})
  void shorterThanTheHeaderIsTooShort(int length) {
    assertThatThrownBy(() -> WireFormat.unframe(new byte[length]))
        .isInstanceOfSatisfying(
            WireFormatException.class,
            e -> assertThat(e.reason()).isEqualTo(WireFormatException.Reason.TOO_SHORT));
  }

  @Test
  void nullIsTooShort() {
    assertThatThrownBy(() -> WireFormat.unframe(null))
        .isInstanceOfSatisfying(
            WireFormatException.class,
            e -> assertThat(e.reason()).isEqualTo(WireFormatException.Reason.TOO_SHORT));
  }

  @Test
  void otherFirstByteIsWrongMagic() {
    assertThatThrownBy(() -> WireFormat.unframe(new byte[] {'{', 0, 0, 0, 1, 2}))
        .isInstanceOfSatisfying(
            WireFormatException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(WireFormatException.Reason.WRONG_MAGIC_BYTE);
              assertThat(e.getMessage()).contains("0x7b");
            });
    assertThat(WireFormat.looksFramed(new byte[] {1, 0, 0, 0, 1})).isFalse();
    assertThat(WireFormat.looksFramed(new byte[] {0, 0, 0, 0, 1})).isTrue();
  }
}

package io.chronoshadow.schemas.wire;

import java.nio.ByteBuffer;

/**
 * The Confluent wire format: magic byte {@code 0}, the schema id as a 4-byte big-endian int, then
 * the Avro binary encoding of the value.
 */
public final class WireFormat {
  public static final byte MAGIC_BYTE = 0;
  public static final int HEADER_LENGTH = 5;

  /** Stands for "no id read" in errors raised before the header was parsed. */
  public static final int NO_SCHEMA_ID = -1;

  private WireFormat() {}

  /** A parsed message: the writer's schema id and where its Avro payload lies in the bytes. */
  public record Framed(int schemaId, byte[] bytes) {
    public int payloadOffset() {
      return HEADER_LENGTH;
    }

    public int payloadLength() {
      return bytes.length - HEADER_LENGTH;
    }
  }

  public static byte[] frame(int schemaId, byte[] avroPayload) {
    return ByteBuffer.allocate(HEADER_LENGTH + avroPayload.length)
        .put(MAGIC_BYTE)
        .putInt(schemaId)
        .put(avroPayload)
        .array();
  }

  /** Reads the header; the payload itself is not checked here. */
  public static Framed unframe(byte[] message) {
    if (message == null || message.length < HEADER_LENGTH) {
      throw new WireFormatException(
          WireFormatException.Reason.TOO_SHORT,
          "Not Confluent wire format: "
              + (message == null ? 0 : message.length)
              + " bytes, the header alone needs "
              + HEADER_LENGTH);
    }
    if (message[0] != MAGIC_BYTE) {
      throw new WireFormatException(
          WireFormatException.Reason.WRONG_MAGIC_BYTE,
          String.format(
              "Not Confluent wire format: first byte is 0x%02x, expected magic byte 0x00",
              message[0] & 0xff));
    }
    return new Framed(ByteBuffer.wrap(message, 1, 4).getInt(), message);
  }

  /** Whether the bytes start like a wire-format message (cheap sniffing; no validation). */
  public static boolean looksFramed(byte[] message) {
    return message != null && message.length >= HEADER_LENGTH && message[0] == MAGIC_BYTE;
  }
}

package io.chronoshadow.schemas.wire;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Bytes that are not a readable Confluent wire-format message. A Kafka {@link
 * SerializationException}, so Kafka's deserialization error handlers see it; {@link #reason()} says
 * which way it failed.
 */
public class WireFormatException extends SerializationException {

  public enum Reason {
    /** Fewer than the 5 header bytes. */
    TOO_SHORT,
    /** The first byte is not the magic byte 0. */
    WRONG_MAGIC_BYTE,
    /** The registry knows no schema with the id in the header. */
    UNKNOWN_SCHEMA_ID,
    /** The registry could not be asked for the writer schema. */
    REGISTRY_UNAVAILABLE,
    /** The payload does not decode with the writer schema. */
    AVRO_DECODE_FAILURE,
    /** A value that cannot be written with the schema it claims. */
    AVRO_ENCODE_FAILURE
  }

  private final Reason reason;
  private final int schemaId;

  public WireFormatException(Reason reason, String message) {
    this(reason, message, WireFormat.NO_SCHEMA_ID, null);
  }

  public WireFormatException(Reason reason, String message, int schemaId, Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.schemaId = schemaId;
  }

  public Reason reason() {
    return reason;
  }

  /** The schema id from the header, or {@link WireFormat#NO_SCHEMA_ID} if it was not read. */
  public int schemaId() {
    return schemaId;
  }
}

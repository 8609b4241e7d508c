package io.chronoshadow.schemas.change;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A record that cannot be decoded. {@link #reason()} is machine-readable so that a dead-letter
 * stage can route and count failures by cause; {@link #coordinates()} says which record it was.
 */
public class DecodeException extends RuntimeException {

  public enum Reason {
    /** Neither Confluent wire format nor JSON, or truncated. */
    MALFORMED_BYTES,
    /** Wire format whose schema id the registry does not know. */
    UNKNOWN_SCHEMA_ID,
    /** The registry could not be asked (down, timing out, or none configured). */
    REGISTRY_UNAVAILABLE,
    /** Wire format whose Avro payload does not decode with its schema. */
    AVRO_DECODE_FAILURE,
    /** JSON that does not parse, or does not match its embedded schema. */
    JSON_DECODE_FAILURE,
    /** A well-formed record that is no change envelope, transaction record or heartbeat. */
    NOT_A_CHANGE_ENVELOPE,
    /** A change envelope with an {@code op} we do not handle (e.g. "m" messages). */
    UNSUPPORTED_OPERATION,
    /** A value whose type or logical type we cannot normalize. */
    UNSUPPORTED_TYPE,
    /** An envelope field with the wrong type or an unparseable value. */
    INVALID_FIELD
  }

  /** Header names for dead-letter records, as returned by {@link #deadLetterHeaders()}. */
  public static final String HEADER_REASON = "chrono.dlq.reason";

  public static final String HEADER_DETAIL = "chrono.dlq.detail";
  public static final String HEADER_TOPIC = "chrono.dlq.topic";
  public static final String HEADER_PARTITION = "chrono.dlq.partition";
  public static final String HEADER_OFFSET = "chrono.dlq.offset";

  private final Reason reason;
  private final RecordCoordinates coordinates;

  public DecodeException(Reason reason, String detail, RecordCoordinates coordinates) {
    this(reason, detail, coordinates, null);
  }

  public DecodeException(
      Reason reason, String detail, RecordCoordinates coordinates, Throwable cause) {
    super(reason + " at " + coordinates + ": " + detail, cause);
    this.reason = reason;
    this.coordinates = coordinates;
  }

  public Reason reason() {
    return reason;
  }

  public RecordCoordinates coordinates() {
    return coordinates;
  }

  /** The reason and coordinates as string headers for a dead-letter record, in a stable order. */
  public Map<String, String> deadLetterHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(HEADER_REASON, reason.name());
    headers.put(HEADER_DETAIL, getMessage());
    if (coordinates != null) {
      headers.put(HEADER_TOPIC, coordinates.topic());
      if (coordinates.partition() != null) {
        headers.put(HEADER_PARTITION, coordinates.partition().toString());
      }
      if (coordinates.offset() != null) {
        headers.put(HEADER_OFFSET, coordinates.offset().toString());
      }
    }
    return headers;
  }
}

package io.chronoshadow.shadow.topology;

import io.chronoshadow.schemas.change.DecodeException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Dead-letter records: the original key and value bytes and headers, plus the reason, a detail and
 * the source coordinates, under the same header names as {@link
 * DecodeException#deadLetterHeaders()}.
 */
final class DeadLetters {

  /** Reasons of the topology's own (beyond {@link DecodeException.Reason}). */
  enum Reason {
    /** The cut tracker cannot place the event (e.g. a snapshot read after streaming started). */
    TRACKER_REJECTED,
    /** A snapshot read for a shadow that was already committed. */
    LATE_FOR_COMMITTED_SHADOW,
    /** A change event without transaction metadata outside the initial snapshot. */
    NO_TRANSACTION_METADATA,
    /** A change event without a primary key, or an operation shadows do not store (truncate). */
    UNSUPPORTED_CHANGE,
    /** The table's schema changed incompatibly; its shadows are stopped. */
    INCOMPATIBLE_SCHEMA,
    /** The table's columns cannot be read or converted for the shadow table. */
    UNUSABLE_SCHEMA,
    /** A policy or manual cut request that is not valid. */
    INVALID_CONTROL_RECORD,
    /** A transaction record that cannot be used (e.g. END without a timestamp). */
    INVALID_TRANSACTION
  }

  private DeadLetters() {}

  static Map<String, String> headers(
      String reason, String detail, String topic, int partition, long offset) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put(DecodeException.HEADER_REASON, reason);
    h.put(DecodeException.HEADER_DETAIL, detail);
    h.put(DecodeException.HEADER_TOPIC, topic);
    h.put(DecodeException.HEADER_PARTITION, Integer.toString(partition));
    h.put(DecodeException.HEADER_OFFSET, Long.toString(offset));
    return h;
  }

  static Record<Object, Object> record(
      byte[] key, byte[] value, Headers original, long timestamp, Map<String, String> dlqHeaders) {
    RecordHeaders headers = new RecordHeaders();
    if (original != null) {
      original.forEach(h -> headers.add(h.key(), h.value()));
    }
    dlqHeaders.forEach(
        (k, v) -> headers.add(k, v == null ? null : v.getBytes(StandardCharsets.UTF_8)));
    return new Record<>(key, value, timestamp, headers);
  }
}

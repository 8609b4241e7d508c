package io.chronoshadow.prophet.topology;

import io.chronoshadow.schemas.change.DecodeException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Dead letters of the prophet topology: the original key, value and headers, plus the reason, a
 * detail and the source coordinates under the same header names as the shadow topology's ({@link
 * DecodeException#HEADER_REASON} …), so one consumer reads both.
 */
final class ProphetDeadLetters {

  /** Why a shadow-stats record was not used. */
  enum Reason {
    /** Not Avro in the registry's wire format, or its schema cannot be fetched. */
    UNDECODABLE,
    /** A null value (tombstone): the stats topic has none. */
    EMPTY_VALUE,
    /** Decoded, but not a usable ShadowTableStats (a field missing, empty or not finite). */
    INVALID_STATS,
    /** Its cut is not after the table's last cut: a replayed or out-of-order shadow. */
    STALE_STATS
  }

  private ProphetDeadLetters() {}

  static Record<Object, Object> record(
      Record<byte[], byte[]> original, RecordMetadata where, Reason reason, String detail) {
    RecordHeaders headers = new RecordHeaders();
    original.headers().forEach(h -> headers.add(h.key(), h.value()));
    add(headers, DecodeException.HEADER_REASON, reason.name());
    add(headers, DecodeException.HEADER_DETAIL, detail);
    add(headers, DecodeException.HEADER_TOPIC, where.topic());
    add(headers, DecodeException.HEADER_PARTITION, Integer.toString(where.partition()));
    add(headers, DecodeException.HEADER_OFFSET, Long.toString(where.offset()));
    return new Record<>(original.key(), original.value(), original.timestamp(), headers);
  }

  private static void add(RecordHeaders headers, String key, String value) {
    headers.add(key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
  }
}

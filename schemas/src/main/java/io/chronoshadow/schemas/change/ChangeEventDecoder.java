package io.chronoshadow.schemas.change;

import static io.chronoshadow.schemas.change.EnvelopeFields.optList;
import static io.chronoshadow.schemas.change.EnvelopeFields.optLong;
import static io.chronoshadow.schemas.change.EnvelopeFields.optMap;
import static io.chronoshadow.schemas.change.EnvelopeFields.optString;
import static io.chronoshadow.schemas.change.EnvelopeFields.optTime;
import static io.chronoshadow.schemas.change.EnvelopeFields.requiredString;

import io.chronoshadow.schemas.registry.SchemaRegistry;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.errors.DataException;

/**
 * Decodes Kafka records of Debezium topics (change topics, the transaction metadata topic,
 * heartbeats) into {@link DecodedRecord}s, auto-detecting Avro through a registry or JSON with or
 * without embedded schemas, independently for key and value. Every failure is a {@link
 * DecodeException} naming a {@link DecodeException.Reason} and the record's coordinates.
 * Thread-safe.
 */
public final class ChangeEventDecoder {
  /** Debezium's default heartbeat topic prefix ({@code topic.heartbeat.prefix}). */
  public static final String DEFAULT_HEARTBEAT_TOPIC_PREFIX = "__debezium-heartbeat";

  private static final String HEARTBEAT_SCHEMA_SUFFIX = ".Heartbeat";

  private final PayloadDecoder payloads;
  private final String heartbeatTopicPrefix;

  /** {@code registry} may be null to decode JSON only (Avro records then fail as unavailable). */
  public ChangeEventDecoder(SchemaRegistry registry) {
    this(registry, DEFAULT_HEARTBEAT_TOPIC_PREFIX);
  }

  public ChangeEventDecoder(SchemaRegistry registry, String heartbeatTopicPrefix) {
    this.payloads = new PayloadDecoder(registry);
    this.heartbeatTopicPrefix = heartbeatTopicPrefix;
  }

  public static ChangeEventDecoder jsonOnly() {
    return new ChangeEventDecoder(null);
  }

  public DecodedRecord decode(ConsumerRecord<byte[], byte[]> record) {
    return decode(
        new RecordCoordinates(record.topic(), record.partition(), record.offset()),
        record.key(),
        record.value());
  }

  public DecodedRecord decode(String topic, int partition, long offset, byte[] key, byte[] value) {
    return decode(new RecordCoordinates(topic, partition, offset), key, value);
  }

  public DecodedRecord decode(String topic, byte[] key, byte[] value) {
    return decode(new RecordCoordinates(topic, null, null), key, value);
  }

  public DecodedRecord decode(RecordCoordinates coordinates, byte[] key, byte[] value) {
    try {
      return decodeOrFail(coordinates.topic(), key, value);
    } catch (DecodeFailure e) {
      throw new DecodeException(e.reason(), e.getMessage(), coordinates, e.getCause());
    } catch (ClassCastException | DataException | ArithmeticException | DateTimeException e) {
      throw new DecodeException(
          DecodeException.Reason.UNSUPPORTED_TYPE, e.toString(), coordinates, e);
    }
  }

  private DecodedRecord decodeOrFail(String topic, byte[] keyBytes, byte[] valueBytes) {
    Map<String, Object> key = keyBytes == null ? Map.of() : asMap(decode(topic, keyBytes), "key");
    if (valueBytes == null) {
      return new Tombstone(topic, key);
    }
    PayloadDecoder.Payload payload = payloads.decode(topic, valueBytes);
    Map<String, Object> value =
        asMap(ValueNormalizer.normalize(payload.schema(), payload.value()), "value");
    if (value.containsKey("op")) {
      return change(key, value);
    }
    if (value.containsKey("status")
        && value.containsKey("id")
        && (value.containsKey("event_count") || value.containsKey("data_collections"))) {
      return transaction(value);
    }
    String schemaName = payload.schema() == null ? null : payload.schema().name();
    if (topic.startsWith(heartbeatTopicPrefix)
        || (schemaName != null && schemaName.endsWith(HEARTBEAT_SCHEMA_SUFFIX))
        || (value.containsKey("ts_ms") && key.containsKey("serverName"))) {
      return heartbeat(key, value);
    }
    throw new DecodeFailure(
        DecodeException.Reason.NOT_A_CHANGE_ENVELOPE,
        "value is neither a change envelope, a transaction record nor a heartbeat; fields "
            + value.keySet());
  }

  private Object decode(String topic, byte[] bytes) {
    PayloadDecoder.Payload payload = payloads.decode(topic, bytes);
    return ValueNormalizer.normalize(payload.schema(), payload.value());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object normalized, String what) {
    if (normalized instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw new DecodeFailure(
        DecodeException.Reason.NOT_A_CHANGE_ENVELOPE,
        what
            + " is not a struct/object but "
            + (normalized == null ? "null" : normalized.getClass().getSimpleName()));
  }

  private static ChangeEvent change(Map<String, Object> key, Map<String, Object> envelope) {
    String code = optString(envelope, "op");
    Op op = Op.fromCode(code);
    if (op == null) {
      throw new DecodeFailure(
          DecodeException.Reason.UNSUPPORTED_OPERATION, "unsupported op '" + code + "'");
    }
    Map<String, Object> source = optMap(envelope, "source");
    if (source == null) {
      throw new DecodeFailure(
          DecodeException.Reason.NOT_A_CHANGE_ENVELOPE, "change envelope lacks 'source'");
    }
    String table = requiredString(source, "table", "source");
    String schema = optString(source, "schema");
    String namespace = schema != null ? schema : optString(source, "db");
    Instant commitTime = optTime(source, "ts_us", "ts_ms");
    if (commitTime == null) {
      throw new DecodeFailure(
          DecodeException.Reason.NOT_A_CHANGE_ENVELOPE, "source lacks 'ts_ms' and 'ts_us'");
    }
    Map<String, Object> transaction = optMap(envelope, "transaction");
    return new ChangeEvent(
        namespace == null ? table : namespace + "." + table,
        key,
        op,
        optMap(envelope, "before"),
        optMap(envelope, "after"),
        transaction == null ? null : optString(transaction, "id"),
        optLong(source, "txId"),
        optLong(source, "lsn"),
        EnvelopeFields.sequence(optString(source, "sequence")),
        commitTime,
        optTime(envelope, "ts_us", "ts_ms"),
        transaction == null ? null : optLong(transaction, "total_order"),
        transaction == null ? null : optLong(transaction, "data_collection_order"),
        Collections.unmodifiableMap(new LinkedHashMap<>(source)));
  }

  private static TransactionEvent transaction(Map<String, Object> value) {
    String statusText = optString(value, "status");
    TransactionEvent.Status status;
    try {
      status = TransactionEvent.Status.valueOf(statusText);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw EnvelopeFields.invalid("status", String.valueOf(statusText));
    }
    List<TransactionEvent.DataCollectionCount> counts = new ArrayList<>();
    List<?> collections = optList(value, "data_collections");
    if (collections != null) {
      for (Object element : collections) {
        Map<String, Object> entry = asMap(element, "data_collections element");
        Long count = optLong(entry, "event_count");
        counts.add(
            new TransactionEvent.DataCollectionCount(
                requiredString(entry, "data_collection", "data_collections element"),
                count == null ? 0 : count));
      }
    }
    Long millis = optLong(value, "ts_ms");
    return new TransactionEvent(
        status,
        requiredString(value, "id", "transaction record"),
        optLong(value, "event_count"),
        counts,
        millis == null ? null : Instant.ofEpochMilli(millis));
  }

  private static Heartbeat heartbeat(Map<String, Object> key, Map<String, Object> value) {
    Long millis = optLong(value, "ts_ms");
    if (millis == null) {
      throw new DecodeFailure(
          DecodeException.Reason.NOT_A_CHANGE_ENVELOPE, "heartbeat lacks ts_ms");
    }
    return new Heartbeat(Instant.ofEpochMilli(millis), optLong(value, "lsn"), key);
  }
}

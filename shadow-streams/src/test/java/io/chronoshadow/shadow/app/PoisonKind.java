package io.chronoshadow.shadow.app;

import io.chronoshadow.devstack.DevStack;
import io.chronoshadow.fixtures.kafka.Topics;
import io.chronoshadow.schemas.change.ChangeEvent;
import io.chronoshadow.schemas.change.ChangeEventDecoder;
import io.chronoshadow.schemas.change.DecodeException;
import io.chronoshadow.schemas.change.TransactionEvent;
import io.chronoshadow.schemas.registry.SchemaRegistryClient;
import io.chronoshadow.schemas.wire.RegistryAvroCodec;
import io.chronoshadow.schemas.wire.WireFormat;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The malformed records of a poison storm, one kind per way a record can be unusable, each with the
 * dead-letter reason the topology gives it today (the decoder's {@link DecodeException.Reason} or
 * the processor's own). Every kind fails before the record touches any state: none may displace a
 * real change (e.g. no well-formed event with a real transaction id, no END with a commit time).
 */
enum PoisonKind {
  /** Bytes that are neither the Confluent wire format nor JSON. */
  NOT_WIRE_FORMAT("MALFORMED_BYTES", false),
  /** A zero-length value (a null value is a legitimate tombstone). */
  EMPTY_VALUE("MALFORMED_BYTES", false),
  /** A real record cut inside its 5-byte header. */
  HEADER_TRUNCATED("MALFORMED_BYTES", false),
  /** A real change event cut in the middle of its Avro payload. */
  TRUNCATED_AVRO("AVRO_DECODE_FAILURE", false),
  /** A real payload under a schema id the registry never assigned. */
  UNKNOWN_SCHEMA_ID("UNKNOWN_SCHEMA_ID", false),
  /** A real change value framed with its key's schema id: Avro of the wrong schema. */
  WRONG_SCHEMA_ID("AVRO_DECODE_FAILURE", false),
  /** Valid Avro of a registered schema that is no change envelope. */
  FOREIGN_AVRO("NOT_A_CHANGE_ENVELOPE", false),
  /** Avro whose first string claims 2^31 bytes (Avro allocated them before reading any). */
  HUGE_STRING_LENGTH("AVRO_DECODE_FAILURE", false),
  /** Avro whose array claims 2^31 items (Avro allocated the array before reading any). */
  HUGE_ITEM_COUNT("AVRO_DECODE_FAILURE", true),
  /** Starts like JSON, does not parse. */
  BROKEN_JSON("JSON_DECODE_FAILURE", false),
  /** A real change event without its key. */
  NULL_KEY("UNSUPPORTED_CHANGE", false),
  /** A change envelope whose op is null. */
  NULL_OP("UNSUPPORTED_OPERATION", false),
  /** An update outside any transaction (no transaction block, not a snapshot read). */
  NO_TRANSACTION("NO_TRANSACTION_METADATA", false),
  /** A truncate, which shadows cannot store. */
  TRUNCATE("UNSUPPORTED_CHANGE", false),
  /** A transaction END without its commit time. */
  END_WITHOUT_TIME("INVALID_TRANSACTION", true),
  /** A transaction record with a status Debezium never writes. */
  BAD_TRANSACTION_STATUS("INVALID_FIELD", true),
  /** A real transaction END cut in the middle of its Avro payload. */
  TRUNCATED_END("AVRO_DECODE_FAILURE", true);

  /** Header naming the kind, which the dead-letter record keeps. */
  static final String HEADER = "poison.kind";

  private static final Schema FOREIGN =
      new Schema.Parser()
          .parse(
              "{\"type\":\"record\",\"name\":\"Poison\",\"namespace\":\"io.chronoshadow.test\","
                  + "\"fields\":[{\"name\":\"kind\",\"type\":\"string\"},"
                  + "{\"name\":\"n\",\"type\":\"long\"}]}");

  private static final Schema FOREIGN_LIST =
      new Schema.Parser()
          .parse(
              "{\"type\":\"record\",\"name\":\"PoisonList\",\"namespace\":\"io.chronoshadow.test\","
                  + "\"fields\":[{\"name\":\"items\",\"type\":{\"type\":\"array\",\"items\":\"long\"}}]}");

  /** Zigzag varint of 2^31 - 16: a length or item count near the largest array Java can have. */
  private static final byte[] HUGE = {(byte) 0xe0, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f};

  private final String reason;
  private final boolean transactionTopic;

  PoisonKind(String reason, boolean transactionTopic) {
    this.reason = reason;
    this.transactionTopic = transactionTopic;
  }

  /** The dead-letter reason this kind must get. */
  String reason() {
    return reason;
  }

  /** Whether it goes to the transaction topic (else to a change topic). */
  boolean transactionTopic() {
    return transactionTopic;
  }

  /**
   * Real bytes the kinds are made from: a captured change per topic, a captured END; and the ids of
   * two registered schemas that are no Debezium schema.
   */
  record Templates(
      Map<String, ConsumerRecord<byte[], byte[]>> changes,
      ConsumerRecord<byte[], byte[]> any,
      byte[] end,
      SchemaRegistryClient registry,
      int foreignId,
      int foreignListId) {

    ConsumerRecord<byte[], byte[]> change(String topic) {
      return changes.getOrDefault(topic, any);
    }
  }

  static Templates templates(DevStack stack, List<String> changeTopics, String transactionTopic) {
    SchemaRegistryClient registry = new SchemaRegistryClient(stack.registryUrl());
    ChangeEventDecoder decoder = new ChangeEventDecoder(registry);
    Map<String, ConsumerRecord<byte[], byte[]>> changes = new HashMap<>();
    ConsumerRecord<byte[], byte[]> any = null;
    for (String topic : changeTopics) {
      for (ConsumerRecord<byte[], byte[]> r : Topics.readAll(stack.bootstrapServers(), topic)) {
        if (r.value() != null
            && decoder.decode(r) instanceof ChangeEvent e
            && e.transactionId() != null) {
          changes.put(topic, r);
          any = r;
          break;
        }
      }
    }
    byte[] end = null;
    for (ConsumerRecord<byte[], byte[]> r :
        Topics.readAll(stack.bootstrapServers(), transactionTopic)) {
      if (decoder.decode(r) instanceof TransactionEvent tx
          && tx.status() == TransactionEvent.Status.END) {
        end = r.value();
        break;
      }
    }
    if (any == null || end == null) {
      throw new IllegalStateException("no captured change or transaction END to copy yet");
    }
    return new Templates(
        changes,
        any,
        end,
        registry,
        registry.register("poison-storm-value", FOREIGN),
        registry.register("poison-storm-list-value", FOREIGN_LIST));
  }

  ProducerRecord<byte[], byte[]> record(String topic, int n, Templates t) {
    ConsumerRecord<byte[], byte[]> real = transactionTopic ? null : t.change(topic);
    // <prefix>.<schema>.<table> for change topics; unused for the transaction topic.
    String[] parts = topic.split("\\.");
    String schema = parts[parts.length - 2];
    String name = parts[parts.length - 1];
    long now = System.currentTimeMillis();
    String source =
        "{\"schema\":\"" + schema + "\",\"table\":\"" + name + "\",\"ts_ms\":" + now + "}";
    byte[] jsonKey = utf8("{\"id\":" + (-1 - n) + "}");
    return switch (this) {
      case NOT_WIRE_FORMAT -> record(topic, real.key(), utf8("\u0007poison " + n + " is not Avro"));
      case EMPTY_VALUE -> record(topic, real.key(), new byte[0]);
      case HEADER_TRUNCATED -> record(topic, real.key(), Arrays.copyOf(real.value(), 3));
      case TRUNCATED_AVRO ->
          record(topic, real.key(), Arrays.copyOf(real.value(), real.value().length / 2));
      case UNKNOWN_SCHEMA_ID ->
          // A few ids, far beyond any the registry assigns, so both the lookup and its repeats
          // are exercised.
          record(topic, real.key(), reframe(real.value(), 1_999_999_000 + n % 7));
      case WRONG_SCHEMA_ID ->
          record(topic, real.key(), reframe(real.value(), schemaId(real.key())));
      case FOREIGN_AVRO -> {
        GenericRecord value = new GenericData.Record(FOREIGN);
        value.put("kind", name());
        value.put("n", (long) n);
        yield record(
            topic,
            real.key(),
            new RegistryAvroCodec(t.registry()).encode("poison-storm-value", FOREIGN, value, true));
      }
      case HUGE_STRING_LENGTH -> record(topic, real.key(), WireFormat.frame(t.foreignId(), HUGE));
      case HUGE_ITEM_COUNT -> record(topic, null, WireFormat.frame(t.foreignListId(), HUGE));
      case BROKEN_JSON -> record(topic, real.key(), utf8("{\"op\":\"c\",\"source\":{" + n));
      case NULL_KEY -> record(topic, null, real.value());
      case NULL_OP ->
          record(
              topic,
              jsonKey,
              utf8(
                  "{\"before\":null,\"after\":{\"id\":-1},\"source\":"
                      + source
                      + ",\"op\":null,\"ts_ms\":"
                      + now
                      + "}"));
      case NO_TRANSACTION ->
          record(
              topic,
              jsonKey,
              utf8(
                  "{\"before\":null,\"after\":{\"id\":-1},\"source\":"
                      + source
                      + ",\"op\":\"u\",\"ts_ms\":"
                      + now
                      + "}"));
      case TRUNCATE ->
          record(
              topic,
              null,
              utf8(
                  "{\"before\":null,\"after\":null,\"source\":"
                      + source
                      + ",\"op\":\"t\",\"ts_ms\":"
                      + now
                      + ",\"transaction\":{\"id\":\"poison-"
                      + n
                      + ":0\",\"total_order\":1,\"data_collection_order\":1}}"));
      case END_WITHOUT_TIME ->
          record(
              topic,
              null,
              utf8(
                  "{\"status\":\"END\",\"id\":\"poison-"
                      + n
                      + ":0\",\"event_count\":0,\"data_collections\":[]}"));
      case BAD_TRANSACTION_STATUS ->
          record(
              topic,
              null,
              utf8(
                  "{\"status\":\"COMMITTED\",\"id\":\"poison-"
                      + n
                      + ":0\",\"event_count\":0,\"data_collections\":[],\"ts_ms\":"
                      + now
                      + "}"));
      case TRUNCATED_END -> record(topic, null, Arrays.copyOf(t.end(), t.end().length / 2));
    };
  }

  private static ProducerRecord<byte[], byte[]> record(String topic, byte[] key, byte[] value) {
    return new ProducerRecord<>(topic, key, value);
  }

  private static byte[] reframe(byte[] wireFormat, int schemaId) {
    return WireFormat.frame(
        schemaId, Arrays.copyOfRange(wireFormat, WireFormat.HEADER_LENGTH, wireFormat.length));
  }

  private static int schemaId(byte[] wireFormat) {
    return ByteBuffer.wrap(wireFormat, 1, 4).getInt();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}

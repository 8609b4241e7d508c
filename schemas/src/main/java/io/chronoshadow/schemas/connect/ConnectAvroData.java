package io.chronoshadow.schemas.connect;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;

/**
 * Connect schemas and values to Avro and back, with the schema translations cached (a change topic
 * carries the same few schemas millions of times). Thread-safe.
 *
 * <p>Type mapping: INT8/INT16 → Avro int marked {@code connect.type}; INT32/INT64/FLOAT32/FLOAT64/
 * BOOLEAN/STRING/BYTES → the same-named Avro primitive; Connect Decimal → bytes with logical type
 * {@code decimal}; Connect Date/Time/Timestamp → int {@code date}/int {@code time-millis}/long
 * {@code timestamp-millis}; other named primitives (Debezium's {@code io.debezium.time.*}...) stay
 * primitives carrying {@code connect.name}; STRUCT → record (name sanitized, see {@link
 * AvroNames}); optional → union with null; ARRAY → array; MAP with string keys → map, other maps →
 * array of key/value records.
 */
public final class ConnectAvroData {
  private static final int MAX_CACHED = 10_000;

  private final Map<org.apache.kafka.connect.data.Schema, Schema> toAvro =
      new ConcurrentHashMap<>();
  private final Map<Schema, org.apache.kafka.connect.data.Schema> toConnect =
      new ConcurrentHashMap<>();

  public Schema toAvroSchema(org.apache.kafka.connect.data.Schema connect) {
    Schema cached = toAvro.get(connect);
    if (cached != null) {
      return cached;
    }
    Schema avro = ConnectToAvroSchema.translate(connect);
    bound(toAvro).put(connect, avro);
    return avro;
  }

  public Object toAvroValue(org.apache.kafka.connect.data.Schema connect, Object value) {
    return ConnectToAvroValue.convert(connect, toAvroSchema(connect), value);
  }

  public org.apache.kafka.connect.data.Schema toConnectSchema(Schema avro) {
    org.apache.kafka.connect.data.Schema cached = toConnect.get(avro);
    if (cached != null) {
      return cached;
    }
    org.apache.kafka.connect.data.Schema connect = AvroToConnectSchema.translate(avro);
    bound(toConnect).put(avro, connect);
    return connect;
  }

  /** Converts a value read with {@code avro} (Avro generic form) into Connect's form. */
  public SchemaAndValue toConnectData(Schema avro, Object value) {
    org.apache.kafka.connect.data.Schema connect = toConnectSchema(avro);
    try {
      return new SchemaAndValue(connect, AvroToConnectValue.convert(avro, connect, value));
    } catch (RuntimeException e) {
      if (e instanceof DataException) {
        throw e;
      }
      throw new DataException("Cannot convert Avro value of " + avro.getFullName(), e);
    }
  }

  // Schemas are few in practice; a runaway producer of distinct schemas must not exhaust memory.
  private static <K, V> Map<K, V> bound(Map<K, V> cache) {
    if (cache.size() >= MAX_CACHED) {
      cache.clear();
    }
    return cache;
  }
}

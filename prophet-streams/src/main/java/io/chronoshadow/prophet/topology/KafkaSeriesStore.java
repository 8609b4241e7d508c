package io.chronoshadow.prophet.topology;

import io.chronoshadow.prophet.engine.SeriesHistory;
import io.chronoshadow.prophet.engine.SeriesStore;
import java.nio.ByteBuffer;
import java.util.function.BiConsumer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The engine's state in two Kafka Streams key-value stores: {@code prophet-series} (series id →
 * encoded meta) and {@code prophet-history} ({@code <series id>\0<step end, 16 hex digits>} → the
 * step's value as 8 bytes, followed by its sampling variance as 8 more when it has one). One small
 * record per step per series reaches the changelog (plus the deletion of the step that fell out of
 * the bound), never a whole history. Hex of a non-negative epoch millis sorts like the number, so a
 * prefix scan returns a series' steps in time order.
 */
public final class KafkaSeriesStore implements SeriesStore {

  public static final String META_STORE = "prophet-series";
  public static final String HISTORY_STORE = "prophet-history";

  private static final StringSerializer KEYS = new StringSerializer();

  private final ReadOnlyKeyValueStore<String, byte[]> meta;
  private final ReadOnlyKeyValueStore<String, byte[]> history;

  private KafkaSeriesStore(
      ReadOnlyKeyValueStore<String, byte[]> meta, ReadOnlyKeyValueStore<String, byte[]> history) {
    this.meta = meta;
    this.history = history;
  }

  /** Read-write, inside the processor. */
  static KafkaSeriesStore of(
      KeyValueStore<String, byte[]> meta, KeyValueStore<String, byte[]> history) {
    return new KafkaSeriesStore(meta, history);
  }

  /** Read-only, e.g. over interactive queries' store views. */
  public static SeriesHistory readOnly(
      ReadOnlyKeyValueStore<String, byte[]> meta, ReadOnlyKeyValueStore<String, byte[]> history) {
    return new KafkaSeriesStore(meta, history);
  }

  static String stepKey(String seriesId, long stepEndMillis) {
    return seriesId + '\0' + String.format("%016x", stepEndMillis);
  }

  @Override
  public void putMeta(String seriesId, byte[] value) {
    writable(meta).put(seriesId, value);
  }

  @Override
  public void putStep(String seriesId, long stepEndMillis, double value, double samplingVariance) {
    // Exact values (every series but column means) keep the 8-byte form older entries have.
    byte[] bytes =
        samplingVariance > 0
            ? ByteBuffer.allocate(16).putDouble(value).putDouble(samplingVariance).array()
            : ByteBuffer.allocate(8).putDouble(value).array();
    writable(history).put(stepKey(seriesId, stepEndMillis), bytes);
  }

  @Override
  public void deleteStep(String seriesId, long stepEndMillis) {
    writable(history).delete(stepKey(seriesId, stepEndMillis));
  }

  @Override
  public void forEachMeta(BiConsumer<String, byte[]> action) {
    try (KeyValueIterator<String, byte[]> it = meta.all()) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> kv = it.next();
        action.accept(kv.key, kv.value);
      }
    }
  }

  @Override
  public void forEachStep(String seriesId, StepConsumer action) {
    forEachStepWithVariance(seriesId, (time, value, variance) -> action.accept(time, value));
  }

  @Override
  public void forEachStepWithVariance(String seriesId, StepVarianceConsumer action) {
    String prefix = seriesId + '\0';
    try (KeyValueIterator<String, byte[]> it = history.prefixScan(prefix, KEYS)) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> kv = it.next();
        long time = Long.parseUnsignedLong(kv.key.substring(prefix.length()), 16);
        ByteBuffer value = ByteBuffer.wrap(kv.value);
        double v = value.getDouble();
        action.accept(time, v, value.remaining() >= 8 ? value.getDouble() : 0);
      }
    }
  }

  private static KeyValueStore<String, byte[]> writable(ReadOnlyKeyValueStore<String, byte[]> s) {
    if (s instanceof KeyValueStore<String, byte[]> w) {
      return w;
    }
    throw new UnsupportedOperationException("read-only series store");
  }
}

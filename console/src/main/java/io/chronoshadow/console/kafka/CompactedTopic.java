package io.chronoshadow.console.kafka;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A key → value view of a compacted topic (a tombstone removes the key), rebuilt by reading it from
 * the beginning and kept current by following it. Writes go to the topic and count once Kafka
 * acknowledges them; the view then shows them at once (read-your-writes), and the tail, still
 * behind, never puts an older record of the same key back over them.
 */
public final class CompactedTopic<V> implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CompactedTopic.class);

  private final String topic;
  private final Producers producers;
  private final Function<byte[], V> decode;
  private final TopicTail tail;
  private final Map<String, V> values = new TreeMap<>();
  private final Map<String, Long> written = new TreeMap<>();

  /**
   * @param decode a record value to a value; may throw on a malformed record, which is skipped
   */
  public CompactedTopic(
      String name,
      String bootstrapServers,
      String topic,
      Producers producers,
      Function<byte[], V> decode) {
    this.topic = topic;
    this.producers = producers;
    this.decode = decode;
    this.tail = new TopicTail(name, bootstrapServers, List.of(topic), this::onRecord);
  }

  public CompactedTopic<V> start() {
    tail.start();
    return this;
  }

  public TopicTail tail() {
    return tail;
  }

  public String topic() {
    return topic;
  }

  private void onRecord(ConsumerRecord<byte[], byte[]> record) {
    if (record.key() == null) {
      return;
    }
    String key = new String(record.key(), StandardCharsets.UTF_8);
    V value = null;
    if (record.value() != null) {
      try {
        value = decode.apply(record.value());
      } catch (RuntimeException e) {
        LOG.warn("{}: record at offset {} skipped: {}", topic, record.offset(), e.getMessage());
        return;
      }
    }
    apply(key, record.offset(), value);
  }

  private synchronized void apply(String key, long offset, V value) {
    if (offset < written.getOrDefault(key, -1L)) {
      return;
    }
    if (value == null) {
      values.remove(key);
    } else {
      values.put(key, value);
    }
  }

  public synchronized Optional<V> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  public synchronized List<V> values() {
    return List.copyOf(values.values());
  }

  /**
   * Writes {@code json} under {@code key} (null: a tombstone) and waits for the acknowledgement.
   */
  public void write(String key, V value, String json) {
    long offset = producers.send(topic, key, json).offset();
    synchronized (this) {
      written.put(key, offset);
      apply(key, offset, value);
    }
  }

  @Override
  public void close() {
    tail.close();
  }
}

package io.chronoshadow.shadow.topology;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@link ChangeLog} over the broker: a short-lived consumer, no group, read-committed (the range
 * was first read by the application's own read-committed consumer, so it sees the same records).
 */
public final class KafkaChangeLog implements ChangeLog {

  private static final Duration POLL = Duration.ofMillis(500);

  private final String bootstrapServers;
  private final Duration timeout;

  public KafkaChangeLog(String bootstrapServers, Duration timeout) {
    this.bootstrapServers = bootstrapServers;
    this.timeout = timeout;
  }

  @Override
  public void read(
      String topic,
      int partition,
      long fromOffset,
      long toOffset,
      Consumer<ConsumerRecord<byte[], byte[]>> each) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    TopicPartition tp = new TopicPartition(topic, partition);
    ByteArrayDeserializer bytes = new ByteArrayDeserializer();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, bytes, bytes)) {
      consumer.assign(List.of(tp));
      Map<TopicPartition, Long> earliest = consumer.beginningOffsets(List.of(tp), timeout);
      long first = earliest.getOrDefault(tp, 0L);
      if (first > fromOffset) {
        throw new IllegalStateException(
            topic
                + "-"
                + partition
                + " starts at offset "
                + first
                + ", but uncommitted shadows hold events from offset "
                + fromOffset
                + ": the topic's retention must outlast the oldest open shadow");
      }
      consumer.seek(tp, fromOffset);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (consumer.position(tp, timeout) < toOffset) {
        if (System.nanoTime() - deadline > 0) {
          throw new IllegalStateException(
              "re-reading "
                  + topic
                  + "-"
                  + partition
                  + " ["
                  + fromOffset
                  + ", "
                  + toOffset
                  + ") took longer than "
                  + timeout.toSeconds()
                  + " s; stopped at "
                  + consumer.position(tp, timeout));
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL).records(tp)) {
          if (r.offset() < toOffset) {
            each.accept(r);
          }
        }
      }
    }
  }
}

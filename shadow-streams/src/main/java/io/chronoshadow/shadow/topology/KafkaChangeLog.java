package io.chronoshadow.shadow.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@link ChangeLog} over the broker: one short-lived consumer for all ranges (a consumer per table
 * cost half a second each in start-up and metadata), no group, read-committed — the ranges were
 * first read by the application's own read-committed consumer, so it sees the same records.
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
  public void read(List<Range> ranges, BiConsumer<Range, ConsumerRecord<byte[], byte[]>> each) {
    if (ranges.isEmpty()) {
      return;
    }
    // Tables routed to one topic share its partition: read it once, from the lowest start.
    Map<TopicPartition, List<Range>> byPartition = new HashMap<>();
    for (Range r : ranges) {
      byPartition
          .computeIfAbsent(new TopicPartition(r.topic(), r.partition()), tp -> new ArrayList<>())
          .add(r);
    }
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    ByteArrayDeserializer bytes = new ByteArrayDeserializer();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, bytes, bytes)) {
      consumer.assign(byPartition.keySet());
      Map<TopicPartition, Long> earliest = consumer.beginningOffsets(byPartition.keySet(), timeout);
      Map<TopicPartition, Long> ends = new HashMap<>();
      byPartition.forEach(
          (tp, rs) -> {
            long from = rs.stream().mapToLong(Range::fromOffset).min().orElseThrow();
            long to = rs.stream().mapToLong(Range::toOffset).max().orElseThrow();
            long first = earliest.getOrDefault(tp, 0L);
            if (first > from) {
              throw new IllegalStateException(
                  tp
                      + " starts at offset "
                      + first
                      + ", but uncommitted shadows hold events from offset "
                      + from
                      + ": the topic's retention must outlast the oldest open shadow");
            }
            consumer.seek(tp, from);
            ends.put(tp, to);
          });
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!ends.isEmpty()) {
        if (System.nanoTime() - deadline > 0) {
          throw new IllegalStateException(
              "re-reading " + ends.keySet() + " took longer than " + timeout.toSeconds() + " s");
        }
        var records = consumer.poll(POLL);
        for (TopicPartition tp : records.partitions()) {
          for (ConsumerRecord<byte[], byte[]> record : records.records(tp)) {
            for (Range r : byPartition.get(tp)) {
              if (record.offset() >= r.fromOffset() && record.offset() < r.toOffset()) {
                each.accept(r, record);
              }
            }
          }
        }
        for (TopicPartition tp : new ArrayList<>(ends.keySet())) {
          if (consumer.position(tp, timeout) >= ends.get(tp)) {
            ends.remove(tp);
            consumer.pause(List.of(tp));
          }
        }
      }
    }
  }
}

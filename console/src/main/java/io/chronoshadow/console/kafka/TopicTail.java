package io.chronoshadow.console.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads topics from their beginning and then follows them, handing every record to one callback on
 * its own thread. No consumer group: each console builds its view of the topics itself, so several
 * consoles never share (or steal) partitions. {@link #awaitCaughtUp} waits until the end offsets
 * seen at start are reached — the view is then at least as new as the console.
 */
public final class TopicTail implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TopicTail.class);

  private final String name;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final List<String> topics;
  private final Consumer<ConsumerRecord<byte[], byte[]>> handler;
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private final Thread thread;
  private volatile Throwable failure;
  private volatile boolean running = true;

  public TopicTail(
      String name,
      String bootstrapServers,
      List<String> topics,
      Consumer<ConsumerRecord<byte[], byte[]>> handler) {
    this.name = name;
    this.topics = List.copyOf(topics);
    this.handler = handler;
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "chrono-console-" + name + "-" + UUID.randomUUID());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    this.consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.thread = new Thread(this::run, "chrono-console-" + name);
    thread.setDaemon(true);
  }

  public TopicTail start() {
    thread.start();
    return this;
  }

  /** True once the records present at start have all been handled. */
  public boolean caughtUp() {
    return caughtUp.getCount() == 0;
  }

  public boolean awaitCaughtUp(Duration limit) throws InterruptedException {
    return caughtUp.await(limit.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Why the tail stopped, or null while it runs. */
  public Throwable failure() {
    return failure;
  }

  private void run() {
    try {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : topics) {
        for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
          partitions.add(new TopicPartition(topic, info.partition()));
        }
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      while (running) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          try {
            handler.accept(record);
          } catch (RuntimeException e) {
            LOG.warn(
                "{}: record {}-{}@{} skipped: {}",
                name,
                record.topic(),
                record.partition(),
                record.offset(),
                e.toString());
          }
        }
        if (caughtUp.getCount() > 0 && reached(ends)) {
          caughtUp.countDown();
          LOG.info("{}: caught up with {}", name, topics);
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      failure = e;
      LOG.error("{}: stopped following {}: {}", name, topics, e.toString());
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private boolean reached(Map<TopicPartition, Long> ends) {
    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
      if (consumer.position(end.getKey()) < end.getValue()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return name + " " + topics;
  }

  @Override
  public void close() {
    // No interrupt: an interrupted consumer cannot close cleanly; wakeup ends a blocking poll.
    running = false;
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

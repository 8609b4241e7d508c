package io.chronoshadow.prophet.learn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Model metadata in a compacted Kafka topic ({@code chrono.models} by default), keyed by version id
 * ({@code shop/lstm/v3}): compaction keeps the newest record of every version, so the topic is the
 * full, durable history of what was trained, how it scored and what it served. A restarted process
 * rebuilds its serving table from it. One partition (a handful of records per training run);
 * replication follows the broker's default.
 */
public final class ModelRegistry implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  private final String bootstrapServers;
  private final String topic;
  private final KafkaProducer<byte[], byte[]> producer;

  public ModelRegistry(String bootstrapServers, String topic) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    ensureTopic();
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "chrono-model-registry");
    this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  public String topic() {
    return topic;
  }

  /** Writes (or rewrites) a version's record and waits for the broker's acknowledgement. */
  public void publish(ModelVersion version) throws IOException {
    try {
      producer
          .send(
              new ProducerRecord<>(
                  topic,
                  version.id().getBytes(StandardCharsets.UTF_8),
                  ModelVersionCodec.encode(version)))
          .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while registering " + version.id(), e);
    } catch (ExecutionException e) {
      throw new IOException(
          "cannot register " + version.id() + " in " + topic + ": " + e.getCause(), e);
    }
  }

  /**
   * Every version recorded so far (newest record per version), oldest version first. A record that
   * cannot be decoded is logged and skipped: one damaged record must not hide the others.
   */
  public List<ModelVersion> versions() {
    return read(bootstrapServers, topic);
  }

  /** {@link #versions()} without a registry instance: empty when the topic does not exist yet. */
  public static List<ModelVersion> read(String bootstrapServers, String topic) {
    Map<String, ModelVersion> latest = new LinkedHashMap<>();
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<org.apache.kafka.common.PartitionInfo> infos =
          consumer.partitionsFor(topic, READ_TIMEOUT);
      if (infos == null || infos.isEmpty()) {
        return List.of();
      }
      List<TopicPartition> partitions =
          infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
      long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("reading " + topic + " took longer than " + READ_TIMEOUT);
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          String key = r.key() == null ? "?" : new String(r.key(), StandardCharsets.UTF_8);
          if (r.value() == null) {
            latest.remove(key);
            continue;
          }
          try {
            latest.put(key, ModelVersionCodec.decode(r.value()));
          } catch (IOException e) {
            LOG.warn(
                "skipping model record {} at {}-{}@{}: {}",
                key,
                r.topic(),
                r.partition(),
                r.offset(),
                e.getMessage());
          }
        }
      }
    }
    List<ModelVersion> all = new ArrayList<>(latest.values());
    all.sort(
        Comparator.comparing(ModelVersion::group)
            .thenComparing(ModelVersion::architecture)
            .thenComparingLong(ModelVersion::version));
    return all;
  }

  private void ensureTopic() {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrapServers);
    try (Admin admin = Admin.create(p)) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(topic, Optional.of(1), Optional.empty())
                      .configs(
                          Map.of(
                              TopicConfig.CLEANUP_POLICY_CONFIG,
                              TopicConfig.CLEANUP_POLICY_COMPACT))))
          .all()
          .get();
      LOG.info("created compacted model registry topic {}", topic);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("cannot create " + topic + ": " + e.getCause(), e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating " + topic, e);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}

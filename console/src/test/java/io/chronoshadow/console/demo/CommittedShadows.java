package io.chronoshadow.console.demo;

import io.chronoshadow.schemas.registry.SchemaRegistryClient;
import io.chronoshadow.schemas.wire.RegistryAvroSerde;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * How many shadows the demo has announced on {@code chrono.shadows}: committed records only (the
 * shadow topology writes in Kafka transactions; an aborted one is no shadow).
 */
final class CommittedShadows {

  static final String TOPIC = "chrono.shadows";

  private CommittedShadows() {}

  /** The number of committed records on the topic now; 0 while it does not exist. */
  static long count(String bootstrapServers) {
    return count(bootstrapServers, TOPIC);
  }

  /** The number of committed records on {@code topic} now; 0 while it does not exist. */
  static long count(String bootstrapServers, String topic) {
    return read(bootstrapServers, topic).size();
  }

  /** The committed records on the topic now, decoded (Avro through the registry), in order. */
  static List<GenericRecord> records(String bootstrapServers, String registryUrl) {
    RegistryAvroSerde avro =
        new RegistryAvroSerde(new SchemaRegistryClient(registryUrl), false, false);
    return read(bootstrapServers, TOPIC).stream()
        .map(r -> avro.deserializer().deserialize(TOPIC, r.value()))
        .toList();
  }

  private static List<ConsumerRecord<byte[], byte[]>> read(String bootstrapServers, String topic) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
      if (infos == null || infos.isEmpty()) {
        return List.of();
      }
      List<TopicPartition> partitions =
          infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      // For read_committed, the end offsets are the last stable offsets.
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(5));
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic + " to its end in 10 s");
        }
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
      }
      return records;
    }
  }
}

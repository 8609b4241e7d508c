package io.chronoshadow.devstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chronoshadow.devstack.DevStackException;
import io.chronoshadow.devstack.DevStackPorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path dir;

  static EmbeddedKafka kafka;

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
  }

  @AfterAll
  static void stop() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void producesAndConsumesAndResumesAfterRestart() throws Exception {
    try (KafkaTopics topics = new KafkaTopics(kafka.bootstrapServers(), 1, Map.of())) {
      topics.ensure(List.of("smoke"));
      topics.ensure(List.of("smoke")); // idempotent
    }
    produce("smoke", "a", "b", "c");
    assertThat(consumeAll("smoke", 3)).containsExactly("a", "b", "c");

    String clusterId = kafka.clusterId();
    int port = kafka.port();
    kafka.close();
    kafka.close(); // idempotent
    assertThat(DevStackPorts.isFree(port)).isTrue();
    assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)).isEmpty();

    kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
    assertThat(kafka.clusterId()).isEqualTo(clusterId);
    produce("smoke", "d");
    assertThat(consumeAll("smoke", 4)).containsExactly("a", "b", "c", "d");
  }

  @Test
  void topicsAreNotCreatedAutomatically() throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      assertThatThrownBy(
              () ->
                  admin
                      .describeTopics(Set.of("never-created"))
                      .allTopicNames()
                      .get(10, TimeUnit.SECONDS))
          .hasCauseInstanceOf(UnknownTopicOrPartitionException.class);
    }
  }

  @Test
  void aDirectoryOfAnotherNodeIsRefusedWithOneLine() throws Exception {
    Path other = dir.resolve("other");
    Files.createDirectories(other);
    Files.writeString(other.resolve("meta.properties"), "version=1\nnode.id=7\ncluster.id=abc\n");
    assertThatThrownBy(() -> EmbeddedKafka.start(other, 0))
        .isInstanceOf(DevStackException.class)
        .satisfies(
            e ->
                assertThat(((DevStackException) e).problems())
                    .singleElement()
                    .asString()
                    .contains(other.toString(), "node.id=7"));
  }

  static void produce(String topic, String... values) throws Exception {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new StringSerializer())) {
      for (String v : values) {
        producer.send(new ProducerRecord<>(topic, v)).get(30, TimeUnit.SECONDS);
      }
    }
  }

  static List<String> consumeAll(String topic, int expected) {
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          values.add(r.value());
        }
      }
    }
    return values;
  }
}

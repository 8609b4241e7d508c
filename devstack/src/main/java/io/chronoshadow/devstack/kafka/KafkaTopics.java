package io.chronoshadow.devstack.kafka;

import io.chronoshadow.devstack.DevStackException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates topics on demand, idempotently (the broker does not auto-create them). Remembers what it
 * has ensured so that the hot path costs a set lookup.
 */
public final class KafkaTopics implements AutoCloseable {

  private final Admin admin;
  private final int partitions;
  private final Map<String, String> topicConfig;
  private final Set<String> known = ConcurrentHashMap.newKeySet();

  /**
   * @param partitions partitions of every topic created here
   * @param topicConfig topic-level configuration of every topic created here
   */
  public KafkaTopics(String bootstrapServers, int partitions, Map<String, String> topicConfig) {
    this.admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                30000));
    this.partitions = partitions;
    this.topicConfig = Map.copyOf(topicConfig);
  }

  /** Makes sure each topic exists; creates the missing ones. */
  public void ensure(Collection<String> topics) {
    List<String> missing = topics.stream().filter(t -> !known.contains(t)).distinct().toList();
    if (missing.isEmpty()) {
      return;
    }
    List<NewTopic> newTopics =
        missing.stream()
            .map(t -> new NewTopic(t, partitions, (short) 1).configs(topicConfig))
            .toList();
    var result = admin.createTopics(newTopics);
    for (String topic : missing) {
      try {
        result.values().get(topic).get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new DevStackException(
              "cannot create topic " + topic + ": " + e.getCause().getMessage(), e);
        }
      } catch (TimeoutException e) {
        throw new DevStackException("timed out creating topic " + topic, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DevStackException("interrupted creating topic " + topic, e);
      }
      known.add(topic);
    }
  }

  @Override
  public void close() {
    admin.close();
  }
}

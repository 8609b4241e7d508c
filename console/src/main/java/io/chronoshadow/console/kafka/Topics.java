package io.chronoshadow.console.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the console's own topics (pins, and the control topics it writes) when missing. */
public final class Topics {

  private Topics() {}

  /**
   * Ensures every topic exists with one partition; {@code compacted} ones keep the latest record
   * per key forever.
   */
  public static void ensure(String bootstrapServers, Set<String> compacted, Set<String> plain) {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
    try (Admin admin = Admin.create(p)) {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing = new ArrayList<>();
      for (String topic : compacted) {
        if (!existing.contains(topic)) {
          missing.add(
              new NewTopic(topic, 1, (short) -1)
                  .configs(
                      Map.of(
                          TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        }
      }
      for (String topic : plain) {
        if (!existing.contains(topic)) {
          missing.add(new NewTopic(topic, 1, (short) -1));
        }
      }
      for (NewTopic topic : missing) {
        try {
          admin.createTopics(List.of(topic)).all().get();
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("cannot create topic " + topic.name(), e.getCause());
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (ExecutionException e) {
      // An operator's problem (wrong address, Kafka down), reported as one line at start-up.
      throw new IllegalArgumentException(
          "cannot reach Kafka at "
              + bootstrapServers
              + " ("
              + e.getCause().getClass().getSimpleName()
              + "); check chrono.shadow.bootstrap-servers and that Kafka runs",
          e.getCause());
    }
  }
}

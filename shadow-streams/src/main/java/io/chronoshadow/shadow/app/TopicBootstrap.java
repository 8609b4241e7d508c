package io.chronoshadow.shadow.app;

import io.chronoshadow.shadow.topology.ShadowTopics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topology's own topics when they are missing (brokers here do not auto-create):
 * outputs and the requests topic kept forever, the policies topic compacted; all one partition, so
 * that the group's topology stays one task. Debezium's transaction topic must exist already —
 * without it there is no transaction metadata to cut on.
 */
final class TopicBootstrap {

  private static final long TIMEOUT_SECONDS = 30;

  private TopicBootstrap() {}

  static void ensure(String bootstrapServers, ShadowTopics topics) {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (!existing.contains(topics.transactionTopic())) {
        throw new IllegalStateException(
            "transaction topic "
                + topics.transactionTopic()
                + " does not exist: start change capture with provide.transaction.metadata=true"
                + " (and topic.prefix="
                + topics.prefix()
                + ") first");
      }
      List<NewTopic> missing = new ArrayList<>();
      Map<String, String> keep = Map.of("retention.ms", "-1");
      add(missing, existing, topics.shadowsTopic(), keep);
      add(missing, existing, topics.statsTopic(), keep);
      add(missing, existing, topics.dlqTopic(), keep);
      add(missing, existing, topics.requestsTopic(), keep);
      add(missing, existing, topics.policiesTopic(), Map.of("cleanup.policy", "compact"));
      if (missing.isEmpty()) {
        return;
      }
      try {
        admin.createTopics(missing).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "cannot check or create topics on " + bootstrapServers + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    }
  }

  private static void add(
      List<NewTopic> missing, Set<String> existing, String topic, Map<String, String> config) {
    if (!existing.contains(topic)) {
      missing.add(new NewTopic(topic, Optional.of(1), Optional.empty()).configs(config));
    }
  }
}

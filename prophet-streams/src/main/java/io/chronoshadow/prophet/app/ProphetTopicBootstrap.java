package io.chronoshadow.prophet.app;

import io.chronoshadow.prophet.topology.ProphetTopics;
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
 * Creates the prophet's topics when missing (brokers here do not auto-create): the stats topic with
 * one partition as shadow-streams would (so the prophet may start first), the outputs kept forever.
 * Forecasts are one record per step per series, so they are the topic an operator may want to give
 * a retention; the defaults keep everything like every other chrono topic.
 */
final class ProphetTopicBootstrap {

  private static final long TIMEOUT_SECONDS = 30;

  private ProphetTopicBootstrap() {}

  static void ensure(String bootstrapServers, ProphetTopics topics) {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (String topic :
          List.of(
              topics.statsTopic(),
              topics.forecastsTopic(),
              topics.anomaliesTopic(),
              topics.dlqTopic())) {
        if (!existing.contains(topic)) {
          missing.add(
              new NewTopic(topic, Optional.of(1), Optional.empty())
                  .configs(Map.of("retention.ms", "-1")));
        }
      }
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
}

package io.chronoshadow.console.app;

import io.chronoshadow.console.auth.BearerAuth;
import io.chronoshadow.console.feed.ShadowFeed;
import io.chronoshadow.console.health.HealthRoutes;
import io.chronoshadow.console.health.Readiness;
import io.chronoshadow.console.http.ApiRoute;
import io.chronoshadow.console.http.ConsoleServer;
import io.chronoshadow.console.http.DocsRoutes;
import io.chronoshadow.console.kafka.Producers;
import io.chronoshadow.console.kafka.TopicTail;
import io.chronoshadow.console.kafka.Topics;
import io.chronoshadow.console.metrics.ConsoleMetrics;
import io.chronoshadow.console.policies.PolicyRoutes;
import io.chronoshadow.console.policies.PolicyStore;
import io.chronoshadow.console.prophet.ProphetRoutes;
import io.chronoshadow.console.query.QueryRoutes;
import io.chronoshadow.console.shadows.GroupCatalog;
import io.chronoshadow.console.shadows.PinStore;
import io.chronoshadow.console.shadows.ShadowRoutes;
import io.chronoshadow.console.shadows.StorageTiers;
import io.chronoshadow.prophet.app.ProphetStreamsApp;
import io.chronoshadow.prophet.learn.ModelRegistry;
import io.chronoshadow.schemas.registry.SchemaRegistryClient;
import io.chronoshadow.schemas.wire.RegistryAvroDeserializer;
import io.chronoshadow.shadow.app.ShadowStreamsApp;
import io.chronoshadow.shadow.catalog.ShadowCatalog;
import io.chronoshadow.shadow.topology.ShadowTopics;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console: REST API, health, metrics and docs, on its own HTTP port, against Kafka, the
 * registry and the Iceberg catalog. It runs inside {@code ./chrono demo} (with the demo's
 * topologies in the same process) or on its own ({@code ./chrono console --config FILE}).
 */
public final class Console implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Console.class);

  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private final ConsoleMetrics metrics;
  private final ConsoleServer server;
  private final ShadowRoutes shadowRoutes;
  private final List<TopicTail> tails = new ArrayList<>();
  private final ShadowCatalog catalog;

  private Console(
      ConsoleSettings settings,
      ConsoleBackends backends,
      Map<String, ShadowStreamsApp> localTopologies,
      ProphetStreamsApp localProphet) {
    try {
      ShadowTopics topics = backends.topics();
      String kafka = backends.bootstrapServers();
      Topics.ensure(
          kafka,
          Set.of(topics.policiesTopic(), backends.pinsTopic()),
          Set.of(
              topics.requestsTopic(),
              topics.shadowsTopic(),
              topics.statsTopic(),
              topics.dlqTopic()));
      metrics = keep(new ConsoleMetrics());
      localTopologies.forEach(
          (group, app) -> {
            metrics.bindStreams("shadow-" + group, app.kafkaStreams());
            app.dependencies().bindTo(metrics.registry());
          });
      Producers producers = keep(new Producers(kafka));
      PolicyStore policies =
          keep(new PolicyStore(kafka, topics.policiesTopic(), producers).start());
      PinStore pins = keep(new PinStore(kafka, backends.pinsTopic(), producers).start());
      ShadowFeed feed =
          keep(
              new ShadowFeed(
                      kafka,
                      topics,
                      new RegistryAvroDeserializer(
                          new SchemaRegistryClient(backends.registryUrl())),
                      metrics.registry())
                  .start());
      tails.addAll(List.of(policies.topic().tail(), pins.topic().tail(), feed.tail()));
      catalog = keep(ShadowCatalog.open(backends.catalog()));
      StorageTiers tiers = keep(new StorageTiers(backends.catalog()));
      GroupCatalog groups = new GroupCatalog(catalog.catalog(), catalog.namespaces());

      List<Readiness> checks = new ArrayList<>();
      for (TopicTail tail : tails) {
        checks.add(
            new Readiness(
                "tail " + tail,
                () ->
                    tail.failure() != null
                        ? "stopped: " + tail.failure().getMessage()
                        : tail.caughtUp() ? null : "still reading the topic from its beginning"));
      }
      checks.add(
          new Readiness(
              "catalog",
              () -> {
                catalog.namespaces().listNamespaces();
                return null;
              }));
      localTopologies.forEach(
          (group, app) ->
              checks.add(
                  new Readiness(
                      "topology " + group,
                      () -> {
                        KafkaStreams.State state = app.state();
                        return state == KafkaStreams.State.RUNNING
                                || state == KafkaStreams.State.REBALANCING
                            ? null
                            : "Kafka Streams is " + state;
                      })));

      shadowRoutes =
          new ShadowRoutes(
              groups,
              catalog.catalog(),
              feed,
              pins,
              tiers,
              producers,
              topics.requestsTopic(),
              settings.limits().maxPageSize());
      List<ApiRoute> routes = new ArrayList<>();
      DocsRoutes docs =
          new DocsRoutes(() -> List.copyOf(routes), metrics::scrape, settings.readsNeedToken());
      routes.addAll(docs.routes());
      routes.addAll(
          new HealthRoutes(groups, feed, tiers, localTopologies, topics.dlqTopic(), checks)
              .routes());
      routes.addAll(new PolicyRoutes(policies).routes());
      routes.addAll(shadowRoutes.routes());
      routes.addAll(new QueryRoutes(groups, settings.limits()).routes());
      String modelsTopic =
          localProphet == null
              ? "chrono.models"
              : localProphet
                  .learningConfig()
                  .map(io.chronoshadow.prophet.app.LearningConfig::modelsTopic)
                  .orElse("chrono.models");
      routes.addAll(
          ProphetRoutes.of(
                  localProphet,
                  () -> ModelRegistry.read(kafka, modelsTopic),
                  settings.limits().maxForecastSteps())
              .routes());
      if (localProphet != null) {
        metrics.bindStreams("prophet", localProphet.kafkaStreams());
      }
      server =
          keep(
              new ConsoleServer(
                  settings.host(),
                  settings.port(),
                  settings.corsOrigins(),
                  new BearerAuth(settings.token(), settings.readsNeedToken()),
                  metrics,
                  settings.budget(),
                  settings.tls(),
                  routes));
    } catch (RuntimeException e) {
      close(); // what was opened before the failure
      throw e;
    }
  }

  /** Starts the console; {@code localTopologies} are the shadow topologies of this process. */
  public static Console start(
      ConsoleSettings settings,
      ConsoleBackends backends,
      Map<String, ShadowStreamsApp> localTopologies) {
    return start(settings, backends, localTopologies, null);
  }

  /**
   * As {@link #start(ConsoleSettings, ConsoleBackends, Map)}, with the prophet topology of this
   * process (null: none) answering the Prophet routes.
   */
  public static Console start(
      ConsoleSettings settings,
      ConsoleBackends backends,
      Map<String, ShadowStreamsApp> localTopologies,
      ProphetStreamsApp localProphet) {
    Console console = new Console(settings, backends, localTopologies, localProphet);
    try {
      console.server.start();
    } catch (RuntimeException e) {
      console.close();
      throw e;
    }
    LOG.info("console started with {}", settings);
    return console;
  }

  private <T extends AutoCloseable> T keep(T resource) {
    resources.push(resource);
    return resource;
  }

  public String url() {
    return server.url();
  }

  public int port() {
    return server.port();
  }

  public ConsoleServer server() {
    return server;
  }

  public ConsoleMetrics metrics() {
    return metrics;
  }

  public ShadowRoutes shadowRoutes() {
    return shadowRoutes;
  }

  /** Publishes another topology's Kafka Streams metrics (e.g. the Prophet's). */
  public void bindStreams(String name, KafkaStreams streams) {
    metrics.bindStreams(name, streams);
  }

  /** Waits until every topic this console follows has been read to where it ended at start. */
  public boolean awaitCaughtUp(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    for (TopicTail tail : tails) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || !tail.awaitCaughtUp(Duration.ofNanos(left))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public synchronized void close() {
    while (!resources.isEmpty()) {
      try {
        resources.pop().close();
      } catch (Exception e) {
        LOG.warn("stopping the console: {}", e.toString());
      }
    }
    LOG.info("console stopped");
  }
}

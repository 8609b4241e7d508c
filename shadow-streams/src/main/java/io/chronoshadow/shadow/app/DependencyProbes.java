package io.chronoshadow.shadow.app;

import io.chronoshadow.shadow.catalog.CatalogSettings;
import io.chronoshadow.shadow.dependency.Dependency;
import io.chronoshadow.shadow.dependency.DependencyStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Watches the dependencies whose outage the processing path sees late or never: the broker (Kafka's
 * clients wait for it silently, apart from their own connection warnings), the registry (every
 * schema in use is cached, so an outage only bites on a new schema or a restart — which is exactly
 * when an operator wants to have been told) and the object store (a shadow commit against a dead
 * store spends its client's retries before it fails, tens of seconds on a loaded machine; the probe
 * says so within two rounds). The catalog is reported by the shadow commits that use it (a refused
 * JDBC connection fails at once) and probed only during its outage, to tell the waiting commit when
 * an attempt is due ({@link DependencyStatus#reachable}).
 *
 * <p>The broker probe costs nothing: it reads the stream thread's consumer connection count from
 * the client's own metrics (0 while no broker can be reached; the consumer polls continuously, so
 * its connections are never idle-closed). The registry and object store probes are one small GET a
 * second each; only a failure to get any HTTP answer counts against them.
 */
final class DependencyProbes implements AutoCloseable {

  static final Duration INTERVAL = Duration.ofSeconds(1);
  // A single failed reading can be a reconnect in passing or a stall of a loaded machine; two in a
  // row are an outage.
  private static final int DOWN_READINGS = 2;
  // Longer than a round: an object store under load may answer slowly, and is not down for that.
  private static final Duration OBJECT_STORE_TIMEOUT = Duration.ofSeconds(2);

  private final KafkaStreams streams;
  private final DependencyStatus status;
  private final HttpClient http;
  private final URI registryProbe;
  private final String bootstrapServers;
  private final CatalogSettings catalog;
  private final ScheduledExecutorService timer;
  private int brokerZeroReadings;
  private int objectStoreMisses;

  DependencyProbes(
      KafkaStreams streams,
      DependencyStatus status,
      String bootstrapServers,
      String registryUrl,
      CatalogSettings catalog) {
    this.streams = streams;
    this.bootstrapServers = bootstrapServers;
    this.catalog = catalog;
    this.status = status;
    this.http = HttpClient.newBuilder().connectTimeout(INTERVAL).build();
    String base = registryUrl.endsWith("/") ? registryUrl : registryUrl + "/";
    this.registryProbe = URI.create(base + "config");
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "chrono-shadow-dependency-probe");
              t.setDaemon(true);
              return t;
            });
  }

  void start() {
    timer.scheduleWithFixedDelay(
        this::probe, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void probe() {
    try {
      probeBroker();
      probeRegistry();
      probeObjectStore();
      if (!status.isUp(Dependency.CATALOG) && catalogAnswers()) {
        status.reachable(Dependency.CATALOG);
      }
    } catch (RuntimeException e) {
      // A probe must never stop the timer; the next round tries again.
    }
  }

  private void probeBroker() {
    KafkaStreams.State state = streams.state();
    if (state != KafkaStreams.State.RUNNING && state != KafkaStreams.State.REBALANCING) {
      brokerZeroReadings = 0;
      return;
    }
    double connections = -1;
    for (Map.Entry<MetricName, ? extends Metric> e : streams.metrics().entrySet()) {
      MetricName name = e.getKey();
      String client = name.tags().getOrDefault("client-id", "");
      if ("connection-count".equals(name.name())
          && "consumer-metrics".equals(name.group())
          && !client.contains("restore")
          && e.getValue().metricValue() instanceof Double d) {
        connections = Math.max(connections, d);
      }
    }
    if (connections < 0) {
      return; // no stream thread consumer (yet): nothing to say
    }
    if (connections > 0) {
      brokerZeroReadings = 0;
      status.available(Dependency.BROKER);
    } else if (++brokerZeroReadings >= DOWN_READINGS) {
      status.failed(
          Dependency.BROKER,
          "the stream thread's consumer has no broker connection",
          new IOException("no connection to any broker of " + bootstrapServers));
    }
  }

  private void probeRegistry() {
    HttpRequest request = HttpRequest.newBuilder(registryProbe).timeout(INTERVAL).GET().build();
    try {
      int code = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (code < 500) {
        status.available(Dependency.REGISTRY);
      } else {
        status.failed(
            Dependency.REGISTRY,
            "probe; cached schemas still decode",
            new IOException("HTTP " + code + " from " + registryProbe));
      }
    } catch (IOException e) {
      status.failed(Dependency.REGISTRY, "probe; cached schemas still decode", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Any HTTP answer is the store reached (an anonymous GET is usually refused: it answered all the
   * same, and a store that answers 5xx to it may serve signed requests fine); only no answer at all
   * counts as down.
   */
  private void probeObjectStore() {
    URI endpoint = catalog.endpoint();
    try {
      HttpRequest request =
          HttpRequest.newBuilder(endpoint).timeout(OBJECT_STORE_TIMEOUT).GET().build();
      http.send(request, HttpResponse.BodyHandlers.discarding());
      objectStoreMisses = 0;
      status.reachable(Dependency.OBJECT_STORE);
    } catch (IOException e) {
      if (++objectStoreMisses >= DOWN_READINGS) {
        status.unreachable(
            Dependency.OBJECT_STORE, "probe of " + endpoint + "; shadow commits will wait", e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean catalogAnswers() {
    Properties login = new Properties();
    login.setProperty("user", catalog.jdbcUser());
    login.setProperty("password", catalog.jdbcPassword());
    // PostgreSQL's driver: seconds to connect and to log in; other drivers ignore them.
    login.setProperty("connectTimeout", "1");
    login.setProperty("loginTimeout", "2");
    try (Connection c = DriverManager.getConnection(catalog.jdbcUrl(), login)) {
      return c.isValid(1);
    } catch (SQLException e) {
      return false;
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}

package io.chronoshadow.shadow.app;

import io.chronoshadow.shadow.dependency.Dependency;
import io.chronoshadow.shadow.dependency.DependencyStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Watches the two dependencies whose outage the processing path may never see: the broker (Kafka's
 * clients wait for it silently, apart from their own connection warnings) and the registry (every
 * schema in use is cached, so an outage only bites on a new schema or a restart — which is exactly
 * when an operator wants to have been told). The object store and catalog need no probe: every
 * shadow commit uses them and reports their outages.
 *
 * <p>The broker probe costs nothing: it reads the stream thread's consumer connection count from
 * the client's own metrics (0 while no broker can be reached; the consumer polls continuously, so
 * its connections are never idle-closed). The registry probe is one small GET a second.
 */
final class DependencyProbes implements AutoCloseable {

  static final Duration INTERVAL = Duration.ofSeconds(1);
  // A single reading of 0 connections can be a reconnect in passing; two in a row are an outage.
  private static final int BROKER_DOWN_READINGS = 2;

  private final KafkaStreams streams;
  private final DependencyStatus status;
  private final HttpClient http;
  private final URI registryProbe;
  private final String bootstrapServers;
  private final ScheduledExecutorService timer;
  private int brokerZeroReadings;

  DependencyProbes(
      KafkaStreams streams, DependencyStatus status, String bootstrapServers, String registryUrl) {
    this.streams = streams;
    this.bootstrapServers = bootstrapServers;
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
    } else if (++brokerZeroReadings >= BROKER_DOWN_READINGS) {
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

  @Override
  public void close() {
    timer.shutdownNow();
  }
}

package io.chronoshadow.console.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The meters behind {@code /metrics}: JVM and process, the Kafka Streams metrics of every topology
 * running in this process, and ours — shadows, commit latency, changes per table and dead letters
 * (registered by the shadow feed) and query latency (recorded by the server).
 */
public final class ConsoleMetrics implements AutoCloseable {

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final List<AutoCloseable> binders = new ArrayList<>();

  public ConsoleMetrics() {
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    binders.add(gc);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** Publishes a topology's Kafka Streams metrics, tagged {@code topology=<name>}. */
  public void bindStreams(String name, KafkaStreams streams) {
    KafkaStreamsMetrics binder = new KafkaStreamsMetrics(streams, Tags.of("topology", name));
    binder.bindTo(registry);
    binders.add(binder);
  }

  /** Records one API call's latency under its route template. */
  public void recordQuery(String method, String route, int status, long nanos) {
    Timer.builder("chrono.query.latency")
        .description("Latency of console API calls, by route")
        .tags("method", method, "route", route, "status", Integer.toString(status))
        .publishPercentileHistogram()
        .maximumExpectedValue(Duration.ofMinutes(2))
        .register(registry)
        .record(Duration.ofNanos(nanos));
  }

  /** Prometheus text exposition format. */
  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    for (AutoCloseable binder : binders) {
      try {
        binder.close();
      } catch (Exception e) {
        // closing a meter binder only stops its updates
      }
    }
    registry.close();
  }
}

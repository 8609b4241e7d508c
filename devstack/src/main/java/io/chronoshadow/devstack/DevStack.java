package io.chronoshadow.devstack;

import io.chronoshadow.devstack.capture.CaptureSettings;
import io.chronoshadow.devstack.capture.DebeziumCapture;
import io.chronoshadow.devstack.kafka.EmbeddedKafka;
import io.chronoshadow.devstack.postgres.EmbeddedPostgresServer;
import io.chronoshadow.devstack.postgres.PostgresDataDirectory;
import io.chronoshadow.devstack.registry.RegistryOptions;
import io.chronoshadow.devstack.registry.RegistryProcess;
import io.chronoshadow.devstack.s3.EmbeddedS3;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole embedded stack, started in dependency order — PostgreSQL, Kafka, S3, schema registry,
 * the source initializer (e.g. the demo workload's schema), change capture — and closed in reverse.
 * {@link #close()} is idempotent, and a JVM shutdown hook closes the stack too, so no child process
 * (the registry; PostgreSQL) outlives the JVM on a normal exit or Ctrl-C; after a kill -9, their
 * watchdogs stop them, and the next start on the same data directory stops any that is left.
 */
public final class DevStack implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DevStack.class);

  private final DevStackConfig config;
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final Map<String, Duration> startupTimes = new LinkedHashMap<>();
  private final Thread shutdownHook;
  private EmbeddedPostgresServer postgres;
  private EmbeddedKafka kafka;
  private EmbeddedS3 s3;
  private RegistryProcess registry;
  private DebeziumCapture capture;
  private boolean closed;

  private DevStack(DevStackConfig config) {
    this.config = config;
    this.shutdownHook = new Thread(this::closeFromHook, "chrono-devstack-shutdown");
  }

  /** Starts the stack; no source initializer (the captured schemas must already hold tables). */
  public static DevStack start(DevStackConfig config) {
    return start(config, source -> {});
  }

  /**
   * Starts the stack, running {@code sourceInitializer} on the source database after the other
   * services are up and before capture starts (capture publishes the tables that exist when it
   * starts). The initializer must be idempotent: it runs on every start.
   *
   * @throws DevStackException listing every configuration problem, or naming the component that
   *     failed to start (whatever had started is closed again)
   */
  public static DevStack start(DevStackConfig config, Consumer<DataSource> sourceInitializer) {
    // A JVM killed on this data directory may have left PostgreSQL or the registry running on their
    // ports: stop those first, or the port checks below would report the ports as taken.
    PostgresDataDirectory.stopOrphanedPostmaster(config.postgresDir());
    RegistryProcess.stopOrphan(config.registryDir());
    config.validate();
    DevStack stack = new DevStack(config);
    Runtime.getRuntime().addShutdownHook(stack.shutdownHook);
    long t0 = System.nanoTime();
    try {
      stack.startAll(sourceInitializer);
    } catch (RuntimeException | Error e) {
      stack.close();
      throw e;
    }
    LOG.info(
        "dev stack up in {} ms (start-up ms: {}): {}",
        Duration.ofNanos(System.nanoTime() - t0).toMillis(),
        stack.startupTimes().entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue().toMillis())
            .collect(Collectors.joining(", ")),
        stack.endpoints());
    return stack;
  }

  private void startAll(Consumer<DataSource> sourceInitializer) {
    postgres =
        timed(
            "postgres",
            () ->
                EmbeddedPostgresServer.start(
                    config.postgresDir(),
                    config.postgresPort(),
                    config.postgresUser(),
                    config.postgresPassword(),
                    config.sourceDatabase(),
                    config.catalogDatabase()));
    kafka =
        timed(
            "kafka",
            () ->
                EmbeddedKafka.start(
                    config.kafkaDir(), config.kafkaPort(), config.kafkaControllerPort()));
    s3 =
        timed(
            "s3",
            () ->
                EmbeddedS3.start(
                    config.s3Dir(),
                    config.s3Port(),
                    config.s3AccessKey(),
                    config.s3SecretKey(),
                    config.bucket()));
    registry =
        timed(
            "registry",
            () ->
                RegistryProcess.start(
                    RegistryOptions.defaults(config.registryDir())
                        .withPort(config.registryPort())));
    long t0 = System.nanoTime();
    try {
      sourceInitializer.accept(postgres.sourceDataSource());
    } catch (RuntimeException e) {
      throw new DevStackException("the source initializer failed: " + e.getMessage(), e);
    }
    startupTimes.put("source-initializer", Duration.ofNanos(System.nanoTime() - t0));
    capture = timed("capture", () -> DebeziumCapture.start(captureSettings()));
  }

  private <T extends AutoCloseable> T timed(String name, Supplier<T> starter) {
    long t0 = System.nanoTime();
    T component = starter.get();
    synchronized (this) {
      if (closed) { // the shutdown hook ran while this component was starting
        try {
          component.close();
        } catch (Exception e) {
          LOG.warn("closing {} failed: {}", name, e.toString());
        }
        throw new DevStackException("the dev stack was stopped while starting " + name);
      }
      started.push(component);
    }
    startupTimes.put(name, Duration.ofNanos(System.nanoTime() - t0));
    return component;
  }

  /**
   * A service that can be stopped and started again while the rest of the stack runs, to test how
   * its clients live through an outage. Capture is not one: it is a client itself.
   */
  public enum Service {
    POSTGRES,
    KAFKA,
    S3,
    REGISTRY
  }

  /**
   * Stops one service as an outage would: its port refuses connections until {@link
   * #start(Service)}. Its data stays. Idempotent.
   */
  public synchronized void stop(Service service) {
    AutoCloseable component = component(service);
    try {
      component.close();
    } catch (Exception e) {
      throw new DevStackException("stopping " + service + " failed: " + e.getMessage(), e);
    }
    LOG.info("{} stopped (outage)", service);
  }

  /**
   * Starts a service stopped by {@link #stop(Service)} again on the same port with the same data,
   * as a restarted server would be: clients configured before the outage reconnect to it.
   */
  public synchronized void start(Service service) {
    if (closed) {
      throw new DevStackException("the dev stack is closed");
    }
    AutoCloseable old = component(service);
    long t0 = System.nanoTime();
    AutoCloseable fresh =
        switch (service) {
          case POSTGRES ->
              postgres =
                  EmbeddedPostgresServer.start(
                      config.postgresDir(),
                      postgres.port(),
                      config.postgresUser(),
                      config.postgresPassword(),
                      config.sourceDatabase(),
                      config.catalogDatabase());
          case KAFKA ->
              kafka = EmbeddedKafka.start(config.kafkaDir(), kafka.port(), kafka.controllerPort());
          case S3 ->
              s3 =
                  EmbeddedS3.start(
                      config.s3Dir(),
                      s3.port(),
                      config.s3AccessKey(),
                      config.s3SecretKey(),
                      config.bucket());
          case REGISTRY ->
              registry =
                  RegistryProcess.start(
                      RegistryOptions.defaults(config.registryDir()).withPort(registry.port()));
        };
    // Keep the stop order of the original start.
    List<AutoCloseable> order = new ArrayList<>(started);
    order.replaceAll(c -> c == old ? fresh : c);
    started.clear();
    started.addAll(order);
    LOG.info(
        "{} started again in {} ms", service, Duration.ofNanos(System.nanoTime() - t0).toMillis());
  }

  private AutoCloseable component(Service service) {
    return switch (service) {
      case POSTGRES -> postgres;
      case KAFKA -> kafka;
      case S3 -> s3;
      case REGISTRY -> registry;
    };
  }

  /** What capture is configured with; derived from the config and the running components. */
  public CaptureSettings captureSettings() {
    return new CaptureSettings(
        config.captureDir(),
        kafka.bootstrapServers(),
        postgres.host(),
        postgres.port(),
        config.sourceDatabase(),
        config.postgresUser(),
        config.postgresPassword(),
        config.topicPrefix(),
        config.captureSchemas(),
        config.converter(),
        registry.ccompatUrl(),
        config.heartbeatInterval());
  }

  public DevStackConfig config() {
    return config;
  }

  public EmbeddedPostgresServer postgres() {
    return postgres;
  }

  public EmbeddedKafka kafka() {
    return kafka;
  }

  public EmbeddedS3 s3() {
    return s3;
  }

  public RegistryProcess registry() {
    return registry;
  }

  public DebeziumCapture capture() {
    return capture;
  }

  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  public String sourceJdbcUrl() {
    return postgres.sourceJdbcUrl();
  }

  public String catalogJdbcUrl() {
    return postgres.catalogJdbcUrl();
  }

  public URI s3Endpoint() {
    return s3.endpoint();
  }

  /** Base URL of the registry's Confluent-compatible API. */
  public String registryUrl() {
    return registry.ccompatUrl();
  }

  /** Every endpoint by name, for printing. */
  public Map<String, String> endpoints() {
    Map<String, String> endpoints = new LinkedHashMap<>();
    if (kafka != null) {
      endpoints.put("kafka", kafka.bootstrapServers());
    }
    if (postgres != null) {
      endpoints.put("source", postgres.sourceJdbcUrl());
      endpoints.put("catalog", postgres.catalogJdbcUrl());
    }
    if (s3 != null) {
      endpoints.put("s3", s3.endpoint() + " (bucket " + s3.bucket() + ")");
    }
    if (registry != null) {
      endpoints.put("registry", registry.ccompatUrl());
    }
    return Collections.unmodifiableMap(endpoints);
  }

  /** How long each component took to start, in start order. */
  public Map<String, Duration> startupTimes() {
    return Collections.unmodifiableMap(startupTimes);
  }

  /** Stops capture, registry, S3, Kafka and PostgreSQL, in that order. Idempotent. */
  @Override
  public void close() {
    closeAll();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down; the hook is running or has run
    }
  }

  private void closeFromHook() {
    closeAll();
  }

  private synchronized void closeAll() {
    if (closed) {
      return;
    }
    closed = true;
    while (!started.isEmpty()) {
      AutoCloseable component = started.pop();
      try {
        component.close();
      } catch (Exception e) {
        LOG.warn("closing {} failed: {}", component.getClass().getSimpleName(), e.toString());
      }
    }
  }
}

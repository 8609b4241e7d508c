package io.chronoshadow.prophet.app;

import io.chronoshadow.prophet.engine.LearnedHook;
import io.chronoshadow.prophet.learn.LearnedModels;
import io.chronoshadow.prophet.query.ProphetQueries;
import io.chronoshadow.prophet.topology.KafkaSeriesStore;
import io.chronoshadow.prophet.topology.ProphetMetrics;
import io.chronoshadow.prophet.topology.ProphetTopology;
import io.chronoshadow.schemas.avro.Anomaly;
import io.chronoshadow.schemas.avro.Forecast;
import io.chronoshadow.schemas.registry.OutputSchemaRegistration;
import io.chronoshadow.schemas.registry.SchemaRegistryClient;
import io.chronoshadow.schemas.wire.RegistryAvroSerde;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prophet's Kafka Streams application: the {@link ProphetTopology} wired to Kafka and the
 * schema registry, with exactly-once processing. Runs standalone ({@link #main}: one argument, a
 * properties file, see {@link ProphetStreamsConfig#fromProperties}) or in-process ({@link #create},
 * {@link #start}, {@link #close}); {@link #queries()} answers predictive questions from its stores.
 */
public final class ProphetStreamsApp implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ProphetStreamsApp.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final ProphetStreamsConfig config;
  private final ProphetMetrics metrics = new ProphetMetrics();
  private final SchemaRegistryClient registry;
  private final Topology topology;
  private final KafkaStreams streams;
  private final LearnedRuntime learned;
  private final LearningConfig learning;
  private boolean closed;

  private ProphetStreamsApp(ProphetStreamsConfig config, LearningConfig learning) {
    this.config = config;
    this.learning = learning;
    this.registry = new SchemaRegistryClient(config.registryUrl());
    RegistryAvroSerde avro = new RegistryAvroSerde(registry, true, false);
    this.learned = learning == null ? null : LearnedRuntime.start(learning, config);
    this.topology =
        ProphetTopology.build(
            config.topics(),
            config.analysis(),
            avro.deserializer(),
            avro.serializer(),
            metrics,
            learned == null ? LearnedHook.NONE : learned.models());
    this.streams = new KafkaStreams(topology, streamsProperties(config));
    streams.setUncaughtExceptionHandler(
        e -> {
          LOG.error("prophet: stream thread failed; replacing it (state is restored)", e);
          return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
  }

  /** Builds the application; nothing is consumed before {@link #start}. */
  public static ProphetStreamsApp create(ProphetStreamsConfig config) {
    return new ProphetStreamsApp(config, null);
  }

  /**
   * Builds the application with learned models (DJL); the engine loads and the serving models are
   * restored from the registry before this returns.
   */
  public static ProphetStreamsApp create(ProphetStreamsConfig config, LearningConfig learning) {
    return new ProphetStreamsApp(config, learning);
  }

  /** How learned models are configured, if enabled. */
  public Optional<LearningConfig> learningConfig() {
    return Optional.ofNullable(learning);
  }

  /** For metrics binders (e.g. Micrometer's Kafka Streams metrics). */
  public KafkaStreams kafkaStreams() {
    return streams;
  }

  /** The learned models, if enabled. */
  public Optional<LearnedModels> learned() {
    return Optional.ofNullable(learned).map(LearnedRuntime::models);
  }

  static Properties streamsProperties(ProphetStreamsConfig config) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
    p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
    // As in shadow-streams: a replaced stream thread's task moves only when the old member's
    // session expires; 10 s instead of 45 s.
    p.put(StreamsConfig.consumerPrefix("session.timeout.ms"), 10_000);
    p.put(StreamsConfig.consumerPrefix("heartbeat.interval.ms"), 3_000);
    p.putAll(config.streamsOverrides());
    return p;
  }

  /** Creates missing topics, registers the output schemas and starts consuming. */
  public synchronized void start() {
    ProphetTopicBootstrap.ensure(config.bootstrapServers(), config.topics());
    OutputSchemaRegistration.registerAll(
        registry,
        "prophet",
        Map.of(
            config.topics().forecastsTopic(), Forecast.getClassSchema(),
            config.topics().anomaliesTopic(), Anomaly.getClassSchema()));
    LOG.info("prophet: starting with {}", config);
    streams.start();
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  public ProphetMetrics metrics() {
    return metrics;
  }

  public ProphetStreamsConfig config() {
    return config;
  }

  public Topology topology() {
    return topology;
  }

  /**
   * Predictive queries over this instance's stores (interactive queries); they fail with {@code
   * InvalidStateStoreException} while the stores are not queryable (e.g. during a restore).
   */
  public ProphetQueries queries() {
    return new ProphetQueries(
        KafkaSeriesStore.readOnly(
            store(KafkaSeriesStore.META_STORE), store(KafkaSeriesStore.HISTORY_STORE)),
        config.analysis());
  }

  private ReadOnlyKeyValueStore<String, byte[]> store(String name) {
    return streams.store(
        StoreQueryParameters.fromNameAndType(
            name, QueryableStoreTypes.<String, byte[]>keyValueStore()));
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    streams.close(CLOSE_TIMEOUT);
    if (learned != null) {
      learned.close();
    }
    LOG.info(
        "prophet: stopped; {} stats records, {} steps, {} alarms, {} dead letters",
        metrics.statsRecords(),
        metrics.steps(),
        metrics.alarms(),
        metrics.deadLettered());
  }

  /** Runs until the JVM is stopped: {@code ProphetStreamsApp <properties file>}. */
  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length != 1) {
      System.err.println("usage: ProphetStreamsApp <prophet-streams.properties>");
      System.exit(2);
    }
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
      properties.load(in);
    }
    ProphetStreamsConfig config;
    LearningConfig learning;
    try {
      config = ProphetStreamsConfig.fromProperties(properties);
      learning = LearningConfig.fromProperties(properties, config).orElse(null);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    ProphetStreamsApp app = create(config, learning);
    CountDownLatch stopped = new CountDownLatch(1);
    app.streams.setStateListener(
        (now, before) -> {
          if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
            stopped.countDown();
          }
        });
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  app.close();
                  stopped.countDown();
                },
                "chrono-prophet-shutdown"));
    app.start();
    stopped.await();
    boolean failed = app.state() == KafkaStreams.State.ERROR;
    app.close();
    System.exit(failed ? 1 : 0);
  }
}

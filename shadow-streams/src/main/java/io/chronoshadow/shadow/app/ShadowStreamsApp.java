package io.chronoshadow.shadow.app;

import io.chronoshadow.schemas.avro.ShadowCommitted;
import io.chronoshadow.schemas.avro.ShadowTableStats;
import io.chronoshadow.schemas.change.ChangeEventDecoder;
import io.chronoshadow.schemas.registry.OutputSchemaRegistration;
import io.chronoshadow.schemas.registry.SchemaRegistryClient;
import io.chronoshadow.schemas.wire.RegistryAvroSerde;
import io.chronoshadow.shadow.catalog.ShadowCatalog;
import io.chronoshadow.shadow.commit.CommitHook;
import io.chronoshadow.shadow.commit.ShadowCommitter;
import io.chronoshadow.shadow.dependency.DependencyFailures;
import io.chronoshadow.shadow.dependency.DependencyStatus;
import io.chronoshadow.shadow.stage.TableSchemaReader;
import io.chronoshadow.shadow.topology.KafkaChangeLog;
import io.chronoshadow.shadow.topology.ShadowMetrics;
import io.chronoshadow.shadow.topology.ShadowTopology;
import io.chronoshadow.shadow.topology.ShadowTopologySettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shadow group's Kafka Streams application: the {@link ShadowTopology} wired to the Iceberg
 * catalog, the schema registry and Kafka, with exactly-once processing. Runs standalone ({@link
 * #main}: one argument, a properties file, see {@link ShadowStreamsConfig#fromProperties}) or
 * in-process ({@link #create}, {@link #start}, {@link #close}).
 *
 * <p>Dependency outages (object store, catalog, registry, broker) are waited out, each reported
 * once in the log, in {@link #health()} and in {@link #dependencies()}' metrics: see {@code
 * ShadowProcessor} for how commits are retried without holding a Kafka transaction open. A stream
 * thread that fails otherwise — or that gave up waiting for the registry — is replaced: its
 * transaction is aborted, state is restored and the shadow is recomputed and committed again, which
 * the committer makes idempotent.
 */
public final class ShadowStreamsApp implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ShadowStreamsApp.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
  // Re-reading the held events of open shadows after a crash: a bucket's worth of one table's
  // changes, read at the broker's speed.
  private static final Duration REREAD_TIMEOUT = Duration.ofMinutes(5);

  private final ShadowStreamsConfig config;
  private final ShadowCatalog catalog;
  private final SchemaRegistryClient registry;
  private final ShadowMetrics metrics;
  private final DependencyProbes probes;
  private final KafkaStreams streams;
  private final Topology topology;
  private boolean closed;

  private ShadowStreamsApp(ShadowStreamsConfig config, CommitHook commitHook) {
    this.config = config;
    this.metrics = new ShadowMetrics(config.group());
    this.registry = new SchemaRegistryClient(config.registryUrl());
    this.catalog = ShadowCatalog.open(config.catalog());
    try {
      ShadowCommitter committer = new ShadowCommitter(catalog.catalog(), commitHook);
      this.topology =
          ShadowTopology.build(
              new ShadowTopologySettings(
                  config.group(),
                  config.topics(),
                  config.policy(),
                  config.heartbeatTable(),
                  config.defaultSchema()),
              new ChangeEventDecoder(registry),
              new KafkaChangeLog(config.bootstrapServers(), REREAD_TIMEOUT),
              new TableSchemaReader(registry),
              committer::commit,
              true,
              new RegistryAvroSerde(registry, true, false).serializer(),
              metrics);
      this.streams = new KafkaStreams(topology, streamsProperties(config));
    } catch (RuntimeException e) {
      catalog.close();
      throw e;
    }
    this.probes =
        new DependencyProbes(
            streams,
            metrics.dependencies(),
            config.bootstrapServers(),
            config.registryUrl(),
            config.catalog());
    streams.setUncaughtExceptionHandler(
        e -> {
          if (DependencyFailures.classify(e).isPresent()) {
            // The outage has its own WARN line already; the stack trace would add nothing.
            LOG.warn(
                "shadow group {}: stream thread gave up waiting ({}); replacing it",
                config.group(),
                DependencyFailures.summary(e));
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
          }
          LOG.error(
              "shadow group {}: stream thread failed; replacing it (the shadow in progress is"
                  + " recomputed)",
              config.group(),
              e);
          return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
  }

  /** Opens the catalog and builds the application; nothing is consumed before {@link #start}. */
  public static ShadowStreamsApp create(ShadowStreamsConfig config) {
    return new ShadowStreamsApp(config, CommitHook.NONE);
  }

  /** As {@link #create(ShadowStreamsConfig)}, with crash points inside commits for fault tests. */
  public static ShadowStreamsApp create(ShadowStreamsConfig config, CommitHook commitHook) {
    return new ShadowStreamsApp(config, commitHook);
  }

  static Properties streamsProperties(ShadowStreamsConfig config) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
    p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
    // 0 (the default, stated for the record): before processing a record, wait until every empty
    // input partition's end offset is known, so records are taken in timestamp order across
    // topics. That is what delivers a heartbeat after the END records produced before it.
    p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, 0L);
    // The stores are rewritten per event under a handful of keys (planner, table progress): a
    // cache absorbs those rewrites until the commit; 64 MB leaves room for many tables.
    p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 64L * 1024 * 1024);
    // A shadow commit writes to the object store and catalog inside one Kafka transaction.
    p.put(StreamsConfig.producerPrefix("transaction.timeout.ms"), 60_000);
    // A replaced stream thread's consumer does not leave the group: its task moves to the new
    // thread only when the old member's session expires. 10 s instead of the default 45 s.
    p.put(StreamsConfig.consumerPrefix("session.timeout.ms"), 10_000);
    p.put(StreamsConfig.consumerPrefix("heartbeat.interval.ms"), 3_000);
    // Change topics are subscribed by pattern, and a table created in the source gets its topic on
    // its first change: until the consumer's metadata refresh sees that topic, the table's counted
    // events cannot arrive and shadows wait. 10 s instead of the default 5 min bounds that wait.
    p.put(StreamsConfig.consumerPrefix("metadata.max.age.ms"), 10_000);
    p.putAll(config.streamsOverrides());
    return p;
  }

  /** Creates missing topics, registers the output schemas and starts consuming. */
  public synchronized void start() {
    TopicBootstrap.ensure(config.bootstrapServers(), config.topics());
    OutputSchemaRegistration.registerAll(
        registry,
        "shadow group " + config.group(),
        Map.of(
            config.topics().shadowsTopic(), ShadowCommitted.getClassSchema(),
            config.topics().statsTopic(), ShadowTableStats.getClassSchema()));
    LOG.info("shadow group {}: starting with {}", config.group(), config);
    streams.start();
    probes.start();
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  public ShadowMetrics metrics() {
    return metrics;
  }

  /**
   * Outages of the object store, catalog, registry and broker; a Micrometer {@code MeterBinder}.
   */
  public DependencyStatus dependencies() {
    return metrics.dependencies();
  }

  public ShadowStreamsConfig config() {
    return config;
  }

  /** The Kafka Streams instance, e.g. for binding its metrics to a meter registry. */
  public KafkaStreams kafkaStreams() {
    return streams;
  }

  public Topology topology() {
    return topology;
  }

  public ShadowHealth health() {
    return new ShadowHealth(
        streams.state().name(),
        metrics.lastShadowId(),
        metrics.lastSequence(),
        metrics.shadowsCommitted(),
        lag(),
        metrics.deadLettered(),
        metrics.duplicateEvents(),
        metrics.lateTransactions(),
        metrics.lastLate(),
        metrics.stoppedTables(),
        metrics.dependencies().current());
  }

  /** Sum of the main consumer's per-partition record lag; -1 before it is known. */
  private long lag() {
    double total = 0;
    boolean known = false;
    for (java.util.Map.Entry<MetricName, ? extends Metric> e : streams.metrics().entrySet()) {
      MetricName name = e.getKey();
      if (!"records-lag".equals(name.name())
          || !"consumer-fetch-manager-metrics".equals(name.group())
          || !name.tags().containsKey("partition")
          || name.tags().getOrDefault("client-id", "").contains("restore")) {
        continue;
      }
      Object value = e.getValue().metricValue();
      if (value instanceof Double d && !d.isNaN()) {
        total += d;
        known = true;
      }
    }
    return known ? (long) total : -1;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    probes.close();
    try {
      streams.close(CLOSE_TIMEOUT);
    } finally {
      catalog.close();
    }
    LOG.info("shadow group {}: stopped; health {}", config.group(), health());
  }

  /** Runs one group until the JVM is stopped: {@code ShadowStreamsApp <properties file>}. */
  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length != 1) {
      System.err.println("usage: ShadowStreamsApp <shadow-streams.properties>");
      System.exit(2);
    }
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
      properties.load(in);
    }
    ShadowStreamsConfig config;
    try {
      config = ShadowStreamsConfig.fromProperties(properties);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    ShadowStreamsApp app = create(config);
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
                "chrono-shadow-shutdown"));
    app.start();
    stopped.await();
    boolean failed = app.state() == KafkaStreams.State.ERROR;
    app.close();
    System.exit(failed ? 1 : 0);
  }
}

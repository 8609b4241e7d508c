package io.chronoshadow.devstack.capture;

import io.chronoshadow.devstack.DevStackException;
import io.chronoshadow.devstack.kafka.KafkaTopics;
import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.Converter;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debezium Embedded (PostgreSQL connector, pgoutput) capturing the configured schemas into Kafka.
 *
 * <ul>
 *   <li>Replication slot and publication {@code chrono_<prefix>}, created by Debezium for the
 *       tables that exist in the captured schemas when capture starts ({@code
 *       publication.autocreate.mode = filtered}; PostgreSQL 14 has no per-schema publications).
 *       Create the tables first.
 *   <li>Transaction metadata on ({@code <prefix>.transaction}: BEGIN/END with per-table counts);
 *       heartbeats every {@link CaptureSettings#heartbeatInterval()} with an action query that
 *       writes the heartbeat table {@value Heartbeats#TABLE} (created here, captured beside the
 *       schemas): a source transaction whose END proves progress in commit order while the captured
 *       tables are idle (see {@link Heartbeats}).
 *   <li>{@code decimal.handling.mode=precise} (exact decimals); {@code time.precision.mode =
 *       adaptive_time_microseconds}: PostgreSQL keeps microseconds and so do Iceberg timestamps,
 *       whereas {@code connect} would cut times to milliseconds.
 *   <li>No tombstones after deletes: the topics are not compacted, and the delete event carries the
 *       key already.
 *   <li>Offsets in a file under the state directory, committed only after Kafka acknowledged the
 *       batch ({@link KafkaPublisher}). The PostgreSQL connector keeps no schema history (every
 *       pgoutput relation message carries the table's current columns), so there is none to store.
 *   <li>Topics are created here, one partition each (the broker does not auto-create): one
 *       partition per table keeps each table's changes in commit order, and the transaction topic
 *       in one partition keeps BEGIN/END in order. Change and transaction topics are kept forever
 *       (replaying them must rebuild every shadow); Debezium's heartbeat topic and the heartbeat
 *       table's change topic keep the broker default.
 * </ul>
 */
public final class DebeziumCapture implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DebeziumCapture.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

  private final CaptureSettings settings;
  private final KafkaTopics keptTopics;
  private final KafkaTopics heartbeatTopics;
  private final Producer<byte[], byte[]> producer;
  private final Converter keyConverter;
  private final Converter valueConverter;
  private final KafkaPublisher publisher;
  private final ExecutorService runner;
  private final CountDownLatch polling = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
  private boolean closed;

  private DebeziumCapture(CaptureSettings settings) {
    this.settings = settings;
    this.keptTopics = new KafkaTopics(settings.bootstrapServers(), 1, Map.of("retention.ms", "-1"));
    this.heartbeatTopics = new KafkaTopics(settings.bootstrapServers(), 1, Map.of());
    this.producer = new KafkaProducer<>(producerConfig(settings));
    this.keyConverter = settings.converter().create(true, settings.registryUrl());
    this.valueConverter = settings.converter().create(false, settings.registryUrl());
    this.publisher =
        new KafkaPublisher(
            producer,
            keyConverter,
            valueConverter,
            topic ->
                topic.equals(settings.heartbeatTopic())
                        || topic.equals(settings.heartbeatTableTopic())
                    ? heartbeatTopics
                    : keptTopics);
    this.runner =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "chrono-capture-" + settings.topicPrefix());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Starts capturing; returns once Debezium is polling (slot and publication exist, so every change
   * committed from now on will be captured).
   */
  public static DebeziumCapture start(CaptureSettings settings) {
    long t0 = System.nanoTime();
    DebeziumCapture capture;
    List<String> changeTopics;
    try {
      Files.createDirectories(settings.stateDir());
      createHeartbeatTable(settings);
      changeTopics = changeTopicsOfCapturedTables(settings);
      capture = new DebeziumCapture(settings);
    } catch (DevStackException e) {
      throw e;
    } catch (IOException | SQLException | RuntimeException e) {
      throw new DevStackException("cannot prepare change capture: " + e.getMessage(), e);
    }
    try {
      // Every table's topic exists before its first change: a consumer subscribing by pattern (the
      // shadow topology) then sees all of them at once instead of only after its next metadata
      // refresh, which could leave a transaction's events unread while its END is already counted.
      capture.keptTopics.ensure(changeTopics);
      capture.keptTopics.ensure(List.of(settings.transactionTopic()));
      capture.heartbeatTopics.ensure(
          List.of(settings.heartbeatTopic(), settings.heartbeatTableTopic()));
      capture.run();
    } catch (RuntimeException e) {
      capture.close();
      throw e instanceof DevStackException
          ? e
          : new DevStackException("change capture did not start: " + e.getMessage(), e);
    }
    LOG.info(
        "capture of {} started in {} ms ({} records, slot {})",
        settings.schemas(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0),
        settings.converter(),
        settings.slotName());
    return capture;
  }

  public CaptureSettings settings() {
    return settings;
  }

  /** Records published to Kafka and acknowledged, all topics. */
  public long publishedCount() {
    return publisher.published();
  }

  /** Records published to one topic. */
  public long publishedCount(String topic) {
    return publisher.published(topic);
  }

  /** Published records per topic. */
  public Map<String, Long> publishedByTopic() {
    return publisher.publishedByTopic();
  }

  /** True while Debezium runs without having failed. */
  public boolean isRunning() {
    return polling.getCount() == 0 && finished.getCount() == 1;
  }

  /** Why capture stopped on its own, if it did. */
  public Throwable failure() {
    return failure.get();
  }

  /** Stops Debezium (committing the offsets of what was published), then the producer. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    long t0 = System.nanoTime();
    if (engine != null) {
      closeEngine();
    }
    runner.shutdown();
    try {
      if (!runner.awaitTermination(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        LOG.warn("capture thread did not stop within {} s", STOP_TIMEOUT.toSeconds());
        runner.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      producer.flush();
    } finally {
      producer.close(Duration.ofSeconds(30));
      closeQuietly(keyConverter);
      closeQuietly(valueConverter);
      keptTopics.close();
      heartbeatTopics.close();
    }
    LOG.info(
        "capture stopped in {} ms after publishing {} records",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0),
        publisher.published());
  }

  private void run() {
    engine =
        DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
            .using(engineProperties(settings))
            .using(
                new DebeziumEngine.ConnectorCallback() {
                  @Override
                  public void pollingStarted() {
                    polling.countDown();
                  }
                })
            .using(
                (success, message, error) -> {
                  if (!success) {
                    failure.compareAndSet(
                        null, error != null ? error : new IllegalStateException(message));
                    LOG.error("change capture stopped: {}", message, error);
                  }
                  finished.countDown();
                  polling.countDown();
                })
            .notifying(publisher)
            .build();
    runner.execute(engine);
    try {
      if (!polling.await(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        throw new DevStackException(
            "change capture did not start within " + START_TIMEOUT.toSeconds() + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DevStackException("interrupted while starting change capture", e);
    }
    Throwable error = failure.get();
    if (error != null) {
      throw new DevStackException("change capture failed to start: " + rootMessage(error), error);
    }
  }

  private void closeEngine() {
    if (finished.getCount() == 0) {
      return; // already stopped on its own
    }
    long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
    while (true) {
      try {
        engine.close();
        break;
      } catch (IllegalStateException e) {
        // "Cannot stop engine while tasks are starting": wait for the tasks, then stop.
        if (finished.getCount() == 0 || System.nanoTime() > deadline) {
          break;
        }
        try {
          polling.await(1, TimeUnit.SECONDS);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          break;
        }
      } catch (IOException e) {
        LOG.warn("stopping Debezium failed: {}", e.toString());
        break;
      }
    }
    try {
      if (!finished.await(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        LOG.warn("Debezium did not report completion within {} s", STOP_TIMEOUT.toSeconds());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(Converter converter) {
    try {
      converter.close();
    } catch (IOException | RuntimeException e) {
      LOG.debug("closing converter: {}", e.toString());
    }
  }

  private static void createHeartbeatTable(CaptureSettings settings) throws SQLException {
    try (var c = dataSource(settings).getConnection();
        var s = c.createStatement()) {
      s.execute(Heartbeats.createTableSql());
    }
  }

  /**
   * The change topics of the tables to capture. Debezium's filtered publication needs at least one
   * table; say so plainly if there is none.
   */
  private static List<String> changeTopicsOfCapturedTables(CaptureSettings settings)
      throws SQLException {
    List<String> topics = new ArrayList<>();
    try (var c = dataSource(settings).getConnection();
        var ps =
            c.prepareStatement(
                "SELECT table_schema, table_name FROM information_schema.tables"
                    + " WHERE table_type = 'BASE TABLE' AND table_schema = ANY (?)"
                    + " ORDER BY table_schema, table_name")) {
      ps.setArray(1, c.createArrayOf("text", settings.schemas().toArray()));
      try (var rs = ps.executeQuery()) {
        while (rs.next()) {
          topics.add(settings.changeTopic(rs.getString(1), rs.getString(2)));
        }
      }
    }
    if (topics.isEmpty()) {
      throw new DevStackException(
          "no table to capture in schema(s) "
              + String.join(", ", settings.schemas())
              + " of database "
              + settings.database()
              + " — create the tables before capture starts (DevStack's source initializer)");
    }
    return topics;
  }

  private static String rootMessage(Throwable error) {
    Throwable t = error;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }

  private static PGSimpleDataSource dataSource(CaptureSettings s) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setServerNames(new String[] {s.dbHost()});
    ds.setPortNumbers(new int[] {s.dbPort()});
    ds.setDatabaseName(s.database());
    ds.setUser(s.user());
    ds.setPassword(s.password());
    return ds;
  }

  static Map<String, Object> producerConfig(CaptureSettings s) {
    return Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        s.bootstrapServers(),
        ProducerConfig.CLIENT_ID_CONFIG,
        "chrono-capture-" + s.topicPrefix(),
        ProducerConfig.ACKS_CONFIG,
        "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
        true,
        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
        5,
        ProducerConfig.LINGER_MS_CONFIG,
        5,
        ProducerConfig.COMPRESSION_TYPE_CONFIG,
        "lz4",
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
        ByteArraySerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
        ByteArraySerializer.class);
  }

  static Properties engineProperties(CaptureSettings s) {
    Properties p = new Properties();
    p.setProperty("name", "chrono-capture-" + s.topicPrefix());
    p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
    p.setProperty("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore");
    p.setProperty("offset.storage.file.filename", s.offsetFile().toString());
    // Commit (write the offset file) after every acknowledged batch: the smallest replay window.
    p.setProperty("offset.flush.interval.ms", "0");
    p.setProperty("database.hostname", s.dbHost());
    p.setProperty("database.port", String.valueOf(s.dbPort()));
    p.setProperty("database.user", s.user());
    p.setProperty("database.password", s.password());
    p.setProperty("database.dbname", s.database());
    p.setProperty("topic.prefix", s.topicPrefix());
    p.setProperty("plugin.name", "pgoutput");
    p.setProperty("slot.name", s.slotName());
    p.setProperty("publication.name", s.publicationName());
    p.setProperty("publication.autocreate.mode", "filtered");
    // The heartbeat table is captured too: its transactions are the commit-order progress that
    // closes shadows while the captured tables are idle (see Heartbeats).
    List<String> schemas = new ArrayList<>(s.schemas());
    if (!schemas.contains(Heartbeats.SCHEMA)) {
      schemas.add(Heartbeats.SCHEMA);
    }
    p.setProperty("schema.include.list", String.join(",", schemas));
    p.setProperty("snapshot.mode", "initial");
    p.setProperty("provide.transaction.metadata", "true");
    p.setProperty("heartbeat.interval.ms", String.valueOf(s.heartbeatInterval().toMillis()));
    if (!s.heartbeatInterval().isZero()) {
      p.setProperty("heartbeat.action.query", Heartbeats.actionQuery());
    }
    // Full before-images for updates and deletes (all columns, not only the key).
    p.setProperty(
        "replica.identity.autoset.values",
        String.join(",", s.schemas().stream().map(schema -> schema + "\\..*:FULL").toList()));
    p.setProperty("decimal.handling.mode", "precise");
    p.setProperty("time.precision.mode", "adaptive_time_microseconds");
    p.setProperty("tombstones.on.delete", "false");
    p.setProperty("poll.interval.ms", "100");
    // A restarted source (connection lost: a retriable error) restarts the connector after this
    // pause, retrying without limit (errors.max.retries=-1, the default). Debezium waits 10 s by
    // default; a PostgreSQL restart takes about one, and shadows wait for capture meanwhile.
    p.setProperty("retriable.restart.connector.wait.ms", "2000");
    return p;
  }
}

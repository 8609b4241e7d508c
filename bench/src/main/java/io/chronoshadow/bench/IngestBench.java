package io.chronoshadow.bench;

import io.chronoshadow.fixtures.debezium.DebeziumEvents;
import io.chronoshadow.fixtures.kafka.Topics;
import io.chronoshadow.schemas.connect.RegistryAvroConverter;
import io.chronoshadow.schemas.registry.SchemaRegistryClient;
import io.chronoshadow.schemas.wire.RegistryAvroSerde;
import io.chronoshadow.shadow.app.ShadowStreamsApp;
import io.chronoshadow.shadow.app.ShadowStreamsConfig;
import io.chronoshadow.shadow.catalog.ShadowCatalog;
import io.chronoshadow.shadow.commit.RowChange;
import io.chronoshadow.shadow.commit.ShadowCommitResult;
import io.chronoshadow.shadow.commit.ShadowCommitter;
import io.chronoshadow.shadow.commit.ShadowWrite;
import io.chronoshadow.shadow.commit.TableWrite;
import io.chronoshadow.shadow.cut.ShadowIds;
import io.chronoshadow.shadow.table.ColumnType;
import io.chronoshadow.shadow.table.ShadowTableName;
import io.chronoshadow.shadow.table.ShadowTables;
import io.chronoshadow.shadow.table.SourceColumn;
import io.chronoshadow.shadow.table.SourceTableSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.avro.generic.GenericRecord;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.DataWriter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Ingest: change events per second from pre-loaded change topics to committed shadows, beside the
 * raw Iceberg Parquet writer on the same rows in the same run.
 *
 * <p>The change topic of one narrow table ({@code public.items(id bigint pk, v bigint, s text)}) is
 * pre-loaded with Debezium-shaped Avro change events (registered in the stack's registry, as
 * Debezium writes them), their transaction END records and a closing heartbeat transaction: {@code
 * events} events in transactions of {@code eventsPerTx}, spread over {@code shadows} one-minute
 * buckets of event time; every event changes a different key of its shadow (inserts, and updates of
 * keys of earlier shadows), so the net rows of all shadows are exactly the events' rows. Then:
 *
 * <ul>
 *   <li>topology: a shadow-streams application consumes the topics and commits the shadows
 *       (exactly-once, state stores, Iceberg commits), timed from RUNNING to the last shadow;
 *   <li>raw writer: the same rows written as one Parquet data file per shadow with Iceberg's
 *       generic Parquet writer to the same store (no catalog commit): the floor of the cost;
 *   <li>committer alone: the same rows as {@code ShadowWrite}s, without Kafka;
 *   <li>commit latency over small shadows (20 rows on one table).
 * </ul>
 */
final class IngestBench {

  private static final String PREFIX = "bench";
  private static final String GROUP = "ingest";
  private static final String TOPIC = PREFIX + ".public.items";
  private static final Duration INTERVAL = Duration.ofMinutes(1);
  private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

  /** The narrow table of the ingest benchmark (and of each table of {@link TablesBench}). */
  static final SourceTableSchema NARROW =
      new SourceTableSchema(
          List.of(
              SourceColumn.required("id", ColumnType.of(ColumnType.Kind.LONG)),
              SourceColumn.optional("v", ColumnType.of(ColumnType.Kind.LONG)),
              SourceColumn.optional("s", ColumnType.of(ColumnType.Kind.STRING))),
          List.of("id"));

  private static final Schema KEY =
      SchemaBuilder.struct().name(TOPIC + ".Key").field("id", Schema.INT64_SCHEMA).build();
  private static final Schema ROW =
      SchemaBuilder.struct()
          .name(TOPIC + ".Value")
          .optional()
          .field("id", Schema.INT64_SCHEMA)
          .field("v", Schema.OPTIONAL_INT64_SCHEMA)
          .field("s", Schema.OPTIONAL_STRING_SCHEMA)
          .build();
  private static final Schema ENVELOPE = DebeziumEvents.envelope(TOPIC + ".Envelope", ROW);

  private IngestBench() {}

  /** One change: the row's values, its op, its shadow (0-based), commit time and transaction. */
  private record Change(long id, long v, String s, String op, int shadow, long txId, long order) {}

  /**
   * @param peerCommitMillis the peer sink's commit interval; 0: the peer is not run
   */
  static Report run(
      BenchStack bench, int events, int shadows, int eventsPerTx, long peerCommitMillis)
      throws Exception {
    List<Change> changes = changes(events, shadows, eventsPerTx);
    String bootstrap = bench.stack().bootstrapServers();
    Topics.create(bootstrap, TOPIC, PREFIX + ".transaction");
    long t0 = System.nanoTime();
    preload(bench, changes, shadows, eventsPerTx);
    long preloadNanos = System.nanoTime() - t0;

    // The raw writer once on a sample first: its classes and the Parquet path are warm for both.
    ShadowCatalog catalog = ShadowCatalog.open(bench.catalog("bench"));
    try {
      Table raw = rawTable(catalog);
      rawWrite(raw, changes.subList(0, Math.min(changes.size(), 20_000)), 1);

      ShadowStreamsConfig config =
          bench.shadowConfig(
              GROUP,
              PREFIX,
              "{\"type\":\"fixed\",\"interval\":\"" + INTERVAL + "\"}",
              "bench-ingest");
      long running;
      long done;
      try (ShadowStreamsApp app = ShadowStreamsApp.create(config)) {
        app.start();
        while (app.state() != KafkaStreams.State.RUNNING) {
          Thread.sleep(5);
        }
        running = System.nanoTime();
        long lastProgress = System.nanoTime();
        long seen = 0;
        while (app.metrics().lastSequence() < shadows) {
          if (app.state() == KafkaStreams.State.ERROR) {
            throw new IllegalStateException("shadow-streams failed; see the log");
          }
          if (app.metrics().lastSequence() != seen) {
            seen = app.metrics().lastSequence();
            lastProgress = System.nanoTime();
          } else if (System.nanoTime() - lastProgress > 60_000_000_000L) {
            throw new IllegalStateException(
                "no shadow for 60 s after shadow "
                    + seen
                    + "; consumer positions "
                    + Topics.groupOffsets(bootstrap, config.applicationId())
                    + ", health "
                    + app.health());
          }
          Thread.sleep(5);
        }
        done = System.nanoTime();
      }
      List<Long> topologyCommits = commitMillis(bench, config.topics().shadowsTopic());

      // The peer on the same topic, after the topology (one at a time on the shared cores).
      PeerSinkBench.Result peer =
          peerCommitMillis > 0
              ? PeerSinkBench.run(bench, TOPIC, events, peerCommitMillis, bench.dir())
              : null;

      long rawNanos = rawWrite(raw, changes, shadows);
      List<Long> committerRuns = new ArrayList<>();
      long committerNanos = committerAlone(catalog, changes, shadows, committerRuns);
      List<Long> small = smallShadows(catalog, 50, 20);

      double topologyRate = events / ((done - running) / 1e9);
      double rawRate = events / (rawNanos / 1e9);
      double committerRate = events / (committerNanos / 1e9);
      Collections.sort(topologyCommits);
      Collections.sort(small);
      return new Report(
              "ingest: "
                  + Report.f0(events)
                  + " change events ("
                  + eventsPerTx
                  + " per transaction) into "
                  + shadows
                  + " shadows of one table")
          .row("pre-loading the change topics (Avro)", Report.ms(preloadNanos))
          .row("topology: change events → committed shadows", Report.f0(topologyRate) + " /s")
          .row("raw Iceberg Parquet writer, same rows", Report.f0(rawRate) + " /s")
          .row(
              "ratio topology / raw writer",
              Report.f2(topologyRate / rawRate),
              "≥ 0.70",
              "same run, same store")
          .rows(peerRows(peer, topologyRate))
          .row("ShadowCommitter alone, same rows", Report.f0(committerRate) + " /s")
          .row("ratio committer / raw writer", Report.f2(committerRate / rawRate))
          .row(
              "commit per shadow of " + Report.f0(events / shadows) + " rows, p50 / max",
              Report.percentile(topologyCommits, 0.5)
                  + " / "
                  + topologyCommits.get(topologyCommits.size() - 1)
                  + " ms",
              "",
              "topology, from chrono.shadows")
          .row(
              "commit latency p50 / p99 (50 shadows × 20 rows)",
              Report.f1(Report.percentile(small, 0.5) / 1e6)
                  + " / "
                  + Report.f1(Report.percentile(small, 0.99) / 1e6)
                  + " ms",
              "",
              "ShadowCommitter, 1 table");
    } finally {
      catalog.close();
    }
  }

  /** The peer's rows of the table (none when it was not run). */
  private static List<String[]> peerRows(PeerSinkBench.Result peer, double topologyRate) {
    List<String[]> rows = new ArrayList<>();
    if (peer == null) {
      return rows;
    }
    rows.add(
        new String[] {
          "peer: Iceberg Kafka Connect sink 1.12.0, same topic",
          Report.f0(peer.rateFromRunning()) + " /s",
          "",
          "task RUNNING → every event in its table; commit interval "
              + peer.commitMillis()
              + " ms, "
              + peer.commits()
              + " commits, "
              + peer.dataFiles()
              + " data files"
        });
    rows.add(
        new String[] {
          "peer, from the worker's start",
          Report.f0(peer.rateFromStart()) + " /s",
          "",
          "in-process worker start, sink start, auto-created table"
        });
    rows.add(
        new String[] {
          "peer: task RUNNING → first commit / → last",
          Report.ms(peer.firstCommitNanos() - peer.runningNanos())
              + " / "
              + Report.ms(peer.doneNanos() - peer.runningNanos()),
          "",
          "the first commit includes creating the table"
        });
    rows.add(
        new String[] {
          "peer's table rows read back / events",
          Report.f0(peer.rowsRead()) + " / " + Report.f0(peer.events()),
          "",
          "append-only: one row per change event"
        });
    rows.add(
        new String[] {
          "ratio topology / peer sink",
          Report.f2(topologyRate / peer.rateFromRunning()),
          "≥ 1.00",
          "same run, same topic, same store"
        });
    return rows;
  }

  private static List<Change> changes(int events, int shadows, int eventsPerTx) {
    List<Change> changes = new ArrayList<>(events);
    int perShadow = events / shadows;
    long nextId = 0;
    long updateCursor = 0;
    long keysBefore = 0;
    for (int n = 0; n < events; n++) {
      int shadow = Math.min(shadows - 1, n / perShadow);
      if (n % perShadow == 0) {
        keysBefore = nextId;
        updateCursor = 0;
      }
      long txId = 1000 + n / eventsPerTx;
      long order = n % eventsPerTx + 1;
      // One event in five updates a key of an earlier shadow (each at most once per shadow).
      if (n % 5 == 4 && updateCursor < keysBefore) {
        long id = updateCursor++;
        changes.add(new Change(id, (long) n * 31, "row-" + (n % 1000), "u", shadow, txId, order));
      } else {
        long id = nextId++;
        changes.add(new Change(id, (long) n * 31, "row-" + (n % 1000), "c", shadow, txId, order));
      }
    }
    return changes;
  }

  /** Commit time of a transaction: spread evenly over its shadow's bucket. */
  private static long commitMillis(Change c, int perShadow, int eventsPerTx) {
    long txInShadow = (c.txId() - 1000) * eventsPerTx % perShadow / eventsPerTx;
    long txPerShadow = Math.max(1, perShadow / eventsPerTx);
    return BASE.toEpochMilli()
        + c.shadow() * INTERVAL.toMillis()
        + txInShadow * (INTERVAL.toMillis() - 1000) / txPerShadow;
  }

  private static void preload(BenchStack bench, List<Change> changes, int shadows, int eventsPerTx)
      throws Exception {
    SchemaRegistryClient registry = new SchemaRegistryClient(bench.stack().registryUrl());
    RegistryAvroConverter keys = new RegistryAvroConverter(registry);
    keys.configure(Map.of(), true);
    RegistryAvroConverter values = new RegistryAvroConverter(registry);
    values.configure(Map.of(), false);
    int perShadow = changes.size() / shadows;
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bench.stack().bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG,
                20,
                ProducerConfig.BATCH_SIZE_CONFIG,
                512 * 1024),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      long last = 0;
      for (int i = 0; i < changes.size(); i++) {
        Change c = changes.get(i);
        long commit = commitMillis(c, perShadow, eventsPerTx);
        last = Math.max(last, commit);
        Struct row = new Struct(ROW).put("id", c.id()).put("v", c.v()).put("s", c.s());
        Struct envelope =
            new Struct(ENVELOPE)
                .put("after", row)
                .put(
                    "source",
                    DebeziumEvents.source(PREFIX, "public", "items", commit, null, c.txId()))
                .put("op", c.op())
                .put("ts_ms", commit)
                .put(
                    "transaction",
                    DebeziumEvents.transaction(c.txId() + ":" + (100_000 + i), c.order()));
        Struct key = new Struct(KEY).put("id", c.id());
        send(
            producer,
            new ProducerRecord<>(
                TOPIC,
                null,
                commit,
                retried(() -> keys.fromConnectData(TOPIC, KEY, key)),
                retried(() -> values.fromConnectData(TOPIC, ENVELOPE, envelope))));
        boolean endOfTx = i + 1 == changes.size() || changes.get(i + 1).txId() != c.txId();
        if (endOfTx) {
          send(
              producer,
              new ProducerRecord<>(
                  PREFIX + ".transaction",
                  null,
                  commit,
                  null,
                  ("{\"status\":\"END\",\"id\":\""
                          + c.txId()
                          + ":9\",\"event_count\":"
                          + c.order()
                          + ",\"data_collections\":[{\"data_collection\":\"public.items\","
                          + "\"event_count\":"
                          + c.order()
                          + "}],\"ts_ms\":"
                          + commit
                          + "}")
                      .getBytes(StandardCharsets.UTF_8)));
        }
      }
      // A heartbeat past the last bucket closes it: a transaction of the heartbeat table, as
      // Debezium's heartbeat action query makes one (its row is not shadowed, so none is sent).
      long heartbeat = last + INTERVAL.toMillis() + 5_000;
      send(
          producer,
          new ProducerRecord<>(
              PREFIX + ".transaction",
              null,
              heartbeat,
              null,
              ("{\"status\":\"END\",\"id\":\"9000000000:9\",\"event_count\":1,"
                      + "\"data_collections\":[{\"data_collection\":\""
                      + ShadowStreamsConfig.DEFAULT_HEARTBEAT_TABLE
                      + "\",\"event_count\":1}],\"ts_ms\":"
                      + heartbeat
                      + "}")
                  .getBytes(StandardCharsets.UTF_8)));
      producer.flush();
    }
    long end = Topics.endOffset(bench.stack().bootstrapServers(), TOPIC);
    if (end != changes.size()) {
      throw new IllegalStateException(
          "pre-loading wrote " + end + " of " + changes.size() + " change events");
    }
  }

  /**
   * The embedded registry answers HTTP 500 when two clients register at the same moment (capture
   * registers the shop's schemas while the stack starts): the first registration is retried.
   */
  private static byte[] retried(Supplier<byte[]> encode) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        return encode.get();
      } catch (DataException e) {
        if (attempt == 10) {
          throw e;
        }
        Thread.sleep(500);
      }
    }
  }

  /** Sends; a failed send fails the run (a lost record would only show up as a hang). */
  private static void send(
      KafkaProducer<byte[], byte[]> producer, ProducerRecord<byte[], byte[]> record) {
    producer.send(
        record,
        (metadata, e) -> {
          if (e != null) {
            throw new IllegalStateException("cannot pre-load " + record.topic() + ": " + e, e);
          }
        });
  }

  private static List<Long> commitMillis(BenchStack bench, String shadowsTopic) {
    RegistryAvroSerde serde =
        new RegistryAvroSerde(new SchemaRegistryClient(bench.stack().registryUrl()), false, false);
    List<Long> millis = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r :
        Topics.readAll(bench.stack().bootstrapServers(), shadowsTopic, BenchStack.READ_WITHIN)) {
      GenericRecord shadow = serde.deserializer().deserialize(shadowsTopic, r.value());
      millis.add((Long) shadow.get("commitMillis"));
    }
    return millis;
  }

  private static Table rawTable(ShadowCatalog catalog) {
    ShadowTableName name = new ShadowTableName("raw", "items");
    new ShadowTables(catalog.catalog()).prepare(name, NARROW);
    return catalog.catalog().loadTable(name.identifier());
  }

  /** The rows as {@code files} Parquet data files (one per shadow's rows), through Iceberg. */
  private static long rawWrite(Table table, List<Change> changes, int files) {
    long t0 = System.nanoTime();
    int perFile = (changes.size() + files - 1) / files;
    for (int f = 0; f < files; f++) {
      List<Change> part = changes.subList(f * perFile, Math.min(changes.size(), (f + 1) * perFile));
      try {
        DataWriter<Record> writer = RawParquet.writer(table, "data");
        try (writer) {
          for (Change c : part) {
            org.apache.iceberg.data.GenericRecord r =
                org.apache.iceberg.data.GenericRecord.create(table.schema());
            r.set(0, c.id());
            r.set(1, c.v());
            r.set(2, c.s());
            writer.write(r);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return System.nanoTime() - t0;
  }

  private static long committerAlone(
      ShadowCatalog catalog, List<Change> changes, int shadows, List<Long> runs) {
    ShadowCommitter committer = new ShadowCommitter(catalog.catalog());
    int perShadow = changes.size() / shadows;
    long total = 0;
    for (int s = 0; s < shadows; s++) {
      List<RowChange> rows = new ArrayList<>(perShadow);
      for (Change c :
          changes.subList(s * perShadow, Math.min(changes.size(), (s + 1) * perShadow))) {
        rows.add(RowChange.upsert(Map.of("id", c.id(), "v", c.v(), "s", c.s())));
      }
      Instant cut = BASE.plus(INTERVAL.multipliedBy(s + 1));
      long t0 = System.nanoTime();
      ShadowCommitResult result =
          committer.commit(
              new ShadowWrite(
                  ShadowIds.of("committer", cut),
                  "committer",
                  s + 1,
                  cut,
                  Map.of(),
                  List.of(new TableWrite("items", NARROW, rows))));
      long nanos = System.nanoTime() - t0;
      runs.add(nanos);
      total += nanos;
      if (result.tables().isEmpty()) {
        throw new IllegalStateException("nothing committed");
      }
    }
    return total;
  }

  private static List<Long> smallShadows(ShadowCatalog catalog, int shadows, int rows) {
    ShadowCommitter committer = new ShadowCommitter(catalog.catalog());
    List<Long> latencies = new ArrayList<>();
    for (int s = 1; s <= shadows; s++) {
      List<RowChange> small = new ArrayList<>();
      for (int i = 0; i < rows; i++) {
        long id = (long) s * 7919 + i * 104_729L;
        small.add(RowChange.upsert(Map.of("id", id % 100_000, "v", (long) s, "s", "u" + s)));
      }
      Instant cut = BASE.plus(Duration.ofSeconds(s));
      long t0 = System.nanoTime();
      committer.commit(
          new ShadowWrite(
              ShadowIds.of("latency", cut),
              "latency",
              s,
              cut,
              Map.of(),
              List.of(new TableWrite("items", NARROW, small))));
      latencies.add(System.nanoTime() - t0);
    }
    return latencies;
  }
}

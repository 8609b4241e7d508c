package io.chronoshadow.bench;

import io.chronoshadow.fixtures.connect.ConnectWorker;
import io.chronoshadow.fixtures.connect.ConnectorDefinition;
import io.chronoshadow.fixtures.kafka.Topics;
import io.chronoshadow.schemas.connect.RegistryAvroConverter;
import io.chronoshadow.shadow.catalog.CatalogSettings;
import io.chronoshadow.shadow.catalog.ShadowCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/**
 * The peer: Apache Iceberg's Kafka Connect sink (1.12.0) in a Connect worker started in this JVM,
 * reading the change topic the ingest benchmark pre-loaded and writing its own table ({@code
 * peer.items}) in the same JdbcCatalog and S3 store as the shadows.
 *
 * <p>The records are read with the project's {@link RegistryAvroConverter} (Confluent wire format
 * through the stack's registry at its Confluent-compatible API), unwrapped by the sink's own {@code
 * DebeziumTransform} (the row image plus a {@code _cdc} column: op, source timestamp, offset,
 * source table). The 1.12.0 sink has no upsert or CDC mode ({@code iceberg.tables.cdc-field} and
 * {@code iceberg.tables.upsert-mode-enabled} are not among its settings): it appends every change
 * event as a row, so its table holds one row per event. Timed from the task's RUNNING (as the
 * topology is timed from its RUNNING) until the table's current snapshot counts every event, then
 * verified by reading the table's rows.
 */
final class PeerSinkBench {

  static final String NAMESPACE = "peer";

  private PeerSinkBench() {}

  /**
   * @param events change events in {@code topic}, every one of which the peer must commit
   * @param commitMillis the sink's {@code iceberg.control.commit.interval-ms}
   */
  record Result(
      long events,
      long startNanos,
      long runningNanos,
      long firstCommitNanos,
      long doneNanos,
      long rowsRead,
      int commits,
      long commitMillis,
      long dataFiles) {

    double rateFromRunning() {
      return events / ((doneNanos - runningNanos) / 1e9);
    }

    double rateFromStart() {
      return events / ((doneNanos - startNanos) / 1e9);
    }
  }

  static Result run(BenchStack bench, String topic, long events, long commitMillis, Path dir)
      throws Exception {
    String control = "bench-peer-control";
    Topics.create(bench.stack().bootstrapServers(), control);
    CatalogSettings settings = bench.catalog("bench");
    TableIdentifier table = TableIdentifier.of(NAMESPACE, "items");
    ConnectorDefinition sink =
        ConnectorDefinition.of(
            "peer-iceberg-sink", properties(bench, settings, topic, control, table, commitMillis));
    try (ShadowCatalog catalog = ShadowCatalog.open(settings);
        ConnectWorker worker =
            new ConnectWorker(
                dir.resolve("peer-connect"),
                dir.resolve("peer-connect-logs"),
                bench.stack().bootstrapServers(),
                sink)) {
      long start = System.nanoTime();
      worker.startInProcess();
      worker.awaitTaskRunning();
      long running = System.nanoTime();
      long lastProgress = running;
      long seen = -1;
      long firstCommit = 0;
      Table t = null;
      while (true) {
        if (t == null && catalog.catalog().tableExists(table)) {
          t = catalog.catalog().loadTable(table);
        }
        long committed = 0;
        if (t != null) {
          t.refresh();
          Snapshot current = t.currentSnapshot();
          if (current != null) {
            committed =
                Long.parseLong(
                    current.summary().getOrDefault(SnapshotSummary.TOTAL_RECORDS_PROP, "0"));
          }
        }
        if (committed > 0 && firstCommit == 0) {
          firstCommit = System.nanoTime();
        }
        if (committed >= events) {
          break;
        }
        if (committed != seen) {
          seen = committed;
          lastProgress = System.nanoTime();
        } else if (System.nanoTime() - lastProgress > 120_000_000_000L) {
          throw new IllegalStateException(
              "the peer sink committed nothing new for 120 s at "
                  + committed
                  + " of "
                  + events
                  + " rows; connector status "
                  + worker.status()
                  + ", consumer positions "
                  + Topics.groupOffsets(
                      bench.stack().bootstrapServers(), "connect-peer-iceberg-sink"));
        }
        Thread.sleep(100);
      }
      long done = System.nanoTime();
      worker.close();
      t.refresh();
      int commits = 0;
      for (Snapshot ignored : t.snapshots()) {
        commits++;
      }
      long dataFiles =
          Long.parseLong(
              t.currentSnapshot()
                  .summary()
                  .getOrDefault(SnapshotSummary.TOTAL_DATA_FILES_PROP, "0"));
      return new Result(
          events, start, running, firstCommit, done, count(t), commits, commitMillis, dataFiles);
    }
  }

  private static long count(Table table) {
    long rows = 0;
    try (CloseableIterable<Record> records = IcebergGenerics.read(table).select("id").build()) {
      for (Record ignored : records) {
        rows++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  private static Map<String, String> properties(
      BenchStack bench,
      CatalogSettings settings,
      String topic,
      String control,
      TableIdentifier table,
      long commitMillis) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("connector.class", "org.apache.iceberg.connect.IcebergSinkConnector");
    p.put("tasks.max", "1");
    p.put("topics", topic);
    // Confluent wire format through the stack's registry (its ccompat API): the project's
    // converter.
    p.put("key.converter", RegistryAvroConverter.class.getName());
    p.put("key.converter.schema.registry.url", bench.stack().registryUrl());
    p.put("value.converter", RegistryAvroConverter.class.getName());
    p.put("value.converter.schema.registry.url", bench.stack().registryUrl());
    // The sink's own Debezium unwrap: the after-image (before-image for deletes) and a _cdc column.
    p.put("transforms", "debezium");
    p.put("transforms.debezium.type", "org.apache.iceberg.connect.transforms.DebeziumTransform");
    p.put("iceberg.tables", table.toString());
    p.put("iceberg.tables.auto-create-enabled", "true");
    p.put("iceberg.tables.default-id-columns", "id");
    // Format 2, as the shadow tables (Trino 476 cannot read v3 deletion vectors).
    p.put("iceberg.tables.auto-create-props.format-version", "2");
    p.put("iceberg.control.topic", control);
    p.put("iceberg.control.commit.interval-ms", String.valueOf(commitMillis));
    // The sink's own Kafka clients (control topic, coordinator election): a worker started in
    // process has no worker properties file the sink could read them from.
    p.put("iceberg.kafka.bootstrap.servers", bench.stack().bootstrapServers());
    // The shadows' JdbcCatalog (same catalog name, so one catalog holds both) and S3 store.
    p.put("iceberg.catalog", settings.catalogName());
    p.put("iceberg.catalog.catalog-impl", "org.apache.iceberg.jdbc.JdbcCatalog");
    p.put("iceberg.catalog.uri", settings.jdbcUrl());
    p.put("iceberg.catalog.jdbc.user", settings.jdbcUser());
    p.put("iceberg.catalog.jdbc.password", settings.jdbcPassword());
    p.put("iceberg.catalog.jdbc.schema-version", "V1");
    p.put("iceberg.catalog.warehouse", settings.warehouseLocation());
    p.put("iceberg.catalog.io-impl", "org.apache.iceberg.hadoop.HadoopFileIO");
    // S3A as the shadows' catalog configures it (keys only, path style, no probes, memory buffers),
    // but with Hadoop's file system cache on: HadoopFileIO asks Hadoop for the file system per
    // file.
    p.put("iceberg.hadoop.fs.s3a.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem");
    p.put("iceberg.hadoop.fs.s3a.endpoint", settings.endpoint().toString());
    p.put("iceberg.hadoop.fs.s3a.endpoint.region", settings.region());
    p.put("iceberg.hadoop.fs.s3a.path.style.access", "true");
    p.put(
        "iceberg.hadoop.fs.s3a.connection.ssl.enabled",
        String.valueOf("https".equals(settings.endpoint().getScheme())));
    p.put(
        "iceberg.hadoop.fs.s3a.aws.credentials.provider",
        "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    p.put("iceberg.hadoop.fs.s3a.access.key", settings.accessKey());
    p.put("iceberg.hadoop.fs.s3a.secret.key", settings.secretKey());
    p.put("iceberg.hadoop.fs.s3a.create.performance", "true");
    p.put("iceberg.hadoop.fs.s3a.fast.upload.buffer", "bytebuffer");
    p.put("iceberg.hadoop.fs.s3a.multipart.size", "8M");
    return p;
  }
}

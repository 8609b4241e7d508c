package io.chronoshadow.shadow.commit;

import io.chronoshadow.shadow.catalog.ShadowCatalog;
import io.chronoshadow.shadow.catalog.StorageFixture;
import io.chronoshadow.shadow.cut.ShadowIds;
import io.chronoshadow.shadow.table.ColumnType;
import io.chronoshadow.shadow.table.ColumnType.Kind;
import io.chronoshadow.shadow.table.ShadowTableName;
import io.chronoshadow.shadow.table.ShadowTables;
import io.chronoshadow.shadow.table.SourceColumn;
import io.chronoshadow.shadow.table.SourceTableSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.parquet.Parquet;

/**
 * On-demand benchmark (not a test): the raw Iceberg Parquet writer on N narrow rows vs {@link
 * ShadowCommitter} committing the same rows as one shadow (same run, same S3A → s3proxy path), and
 * commit latency over M small shadows. Run from the repository root:
 *
 * <pre>
 * ./mvnw -o -q -pl shadow-streams test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/bench.cp -Dspotless.check.skip=true &amp;&amp; \
 * AWS_EC2_METADATA_DISABLED=true java -cp shadow-streams/target/classes:shadow-streams/target/test-classes:$(cat shadow-streams/target/bench.cp) \
 *     io.chronoshadow.shadow.commit.RawWriterVsCommitterBench [N=200000] [M=50] [rowsPerSmallShadow=20]
 * </pre>
 */
public final class RawWriterVsCommitterBench {

  private static final String GROUP = "bench";
  private static final SourceTableSchema NARROW =
      new SourceTableSchema(
          List.of(
              SourceColumn.required("id", ColumnType.of(Kind.LONG)),
              SourceColumn.optional("v", ColumnType.of(Kind.LONG)),
              SourceColumn.optional("s", ColumnType.of(Kind.STRING))),
          List.of("id"));

  private RawWriterVsCommitterBench() {}

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int shadows = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    int smallRows = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    Path dir = Files.createTempDirectory("chrono-bench");
    try (StorageFixture storage = StorageFixture.start(dir);
        ShadowCatalog catalog = storage.open("bench")) {
      ShadowTables tables = new ShadowTables(catalog.catalog());
      ShadowTableName raw = new ShadowTableName(GROUP, "raw");
      tables.prepare(raw, NARROW);
      Table rawTable = catalog.catalog().loadTable(raw.identifier());
      List<Record> records = records(rawTable, rows);
      List<RowChange> changes = changes(rows);

      // Warm-up of both paths (class loading, JIT, connection pools), then measured runs.
      rawWrite(rawTable, records.subList(0, Math.min(rows, 20_000)));
      commit(catalog, "warm", 1, changes.subList(0, Math.min(rows, 20_000)));
      // Each measured run is a new shadow of the same table: every key is written again.
      long rawNanos = median(3, () -> rawWrite(rawTable, records));
      List<Long> committerRuns = new ArrayList<>();
      for (int run = 0; run < 3; run++) {
        ShadowCommitResult result = commit(catalog, "big", run + 1, changes);
        if (result.rowsAdded() != rows) {
          throw new IllegalStateException("expected a new snapshot of " + rows + " rows");
        }
        committerRuns.add(result.latency().toNanos());
      }
      Collections.sort(committerRuns);
      long commitNanos = committerRuns.get(1);

      List<Long> latencies = new ArrayList<>();
      for (int seq = 1; seq <= shadows; seq++) {
        List<RowChange> small = new ArrayList<>();
        for (int i = 0; i < smallRows; i++) {
          long id = (long) (seq * 7919 + i * 104729) % Math.max(1, rows);
          small.add(RowChange.upsert(Map.of("id", id, "v", (long) seq, "s", "u" + seq)));
        }
        latencies.add(commit(catalog, "small", seq, small).latency().toNanos());
      }
      latencies.sort(Comparator.naturalOrder());

      double rawRate = rows / (rawNanos / 1e9);
      double commitRate = rows / (commitNanos / 1e9);
      System.out.printf("%n%-44s %14s%n", "measure (" + rows + " narrow rows)", "value");
      System.out.printf("%-44s %14.0f%n", "raw Iceberg Parquet writer, rows/s", rawRate);
      System.out.printf("%-44s %14.0f%n", "ShadowCommitter (1 shadow), rows/s", commitRate);
      System.out.printf("%-44s %14.2f%n", "ratio committer / raw", commitRate / rawRate);
      System.out.printf(
          "%-44s %14.1f%n",
          "commit latency p50, ms (" + shadows + " × " + smallRows + " rows)",
          percentile(latencies, 0.50) / 1e6);
      System.out.printf(
          "%-44s %14.1f%n", "commit latency p99, ms", percentile(latencies, 0.99) / 1e6);
      System.out.printf(
          "%-44s %14.1f%n", "commit latency max, ms", latencies.get(latencies.size() - 1) / 1e6);
    } finally {
      deleteQuietly(dir);
    }
  }

  private static ShadowCommitResult commit(
      ShadowCatalog catalog, String table, int sequence, List<RowChange> changes) {
    Instant cut = Instant.parse("2026-01-01T00:00:00Z").plus(Duration.ofSeconds(sequence));
    String group = GROUP + "-" + table;
    ShadowWrite write =
        new ShadowWrite(
            ShadowIds.of(group, cut),
            group,
            sequence,
            cut,
            Map.of("t", Integer.toString(sequence)),
            List.of(new TableWrite(table, NARROW, changes)));
    return new ShadowCommitter(catalog.catalog()).commit(write);
  }

  private static long rawWrite(Table table, List<Record> records) {
    long t0 = System.nanoTime();
    try {
      DataWriter<Record> writer =
          Parquet.writeData(
                  table
                      .io()
                      .newOutputFile(
                          table.location() + "/data/raw-" + UUID.randomUUID() + ".parquet"))
              .forTable(table)
              .createWriterFunc(GenericParquetWriter::create)
              .build();
      try (writer) {
        records.forEach(writer::write);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return System.nanoTime() - t0;
  }

  private static List<Record> records(Table table, int rows) {
    List<Record> records = new ArrayList<>(rows);
    for (int i = 0; i < rows; i++) {
      GenericRecord r = GenericRecord.create(table.schema());
      r.setField("id", (long) i);
      r.setField("v", (long) i * 31);
      r.setField("s", "row-" + (i % 1000));
      records.add(r);
    }
    return records;
  }

  private static List<RowChange> changes(int rows) {
    List<RowChange> changes = new ArrayList<>(rows);
    for (int i = 0; i < rows; i++) {
      changes.add(
          RowChange.upsert(Map.of("id", (long) i, "v", (long) i * 31, "s", "row-" + (i % 1000))));
    }
    return changes;
  }

  private static long median(int runs, java.util.function.LongSupplier run) {
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      times.add(run.getAsLong());
    }
    Collections.sort(times);
    return times.get(runs / 2);
  }

  private static double percentile(List<Long> sorted, double p) {
    int index = (int) Math.ceil(p * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // temporary directory: best effort
    }
  }
}

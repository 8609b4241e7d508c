package io.chronoshadow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chronoshadow.shadow.catalog.ShadowCatalog;
import io.chronoshadow.shadow.commit.RowChange;
import io.chronoshadow.shadow.commit.ShadowCommitter;
import io.chronoshadow.shadow.commit.ShadowWrite;
import io.chronoshadow.shadow.commit.TableWrite;
import io.chronoshadow.shadow.cut.ShadowIds;
import io.chronoshadow.shadow.history.ChangeHistory;
import io.chronoshadow.shadow.history.HistoryTable;
import io.chronoshadow.shadow.history.KeyChange;
import io.chronoshadow.shadow.read.ReadOptions;
import io.chronoshadow.shadow.read.ShadowReader;
import io.chronoshadow.shadow.table.ColumnType;
import io.chronoshadow.shadow.table.RowKeys;
import io.chronoshadow.shadow.table.ShadowTableName;
import io.chronoshadow.shadow.table.SourceColumn;
import io.chronoshadow.shadow.table.SourceTableSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.apache.iceberg.ContentFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotChanges;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.DataWriter;

/**
 * Storage and reads. One orders-like table gets {@code shadows} shadows through {@link
 * ShadowCommitter}: the first loads {@code rows} rows, each later one changes {@code
 * changesPerShadow} of them (70% updates, 15% inserts, 15% deletes), seeded.
 *
 * <p>Storage: the bytes of the shadows' files (data and equality deletes; and every object under
 * the table, metadata included, as the store holds them) beside the reference {@code first full
 * copy + compressed changes}: the state at shadow 1 written once as a Parquet file, plus every
 * later change (after-image, or key for a delete) as gzip'd JSON lines. And beside a full copy per
 * shadow.
 *
 * <p>Reads: full reads of the table at a shadow through {@link ShadowReader} (median of three), for
 * a few table histories ({@code N} shadows committed so far): shadow 1, a middle one and the
 * current state. "Flat in N": reading a given shadow does not get slower as shadows are added.
 */
final class StorageReadBench {

  private static final String GROUP = "storage";
  private static final String TABLE = "orders";
  private static final String SOURCE_TABLE = "public.orders";
  private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
  private static final String[] STATUS = {"PENDING", "PAID", "SHIPPED", "DELIVERED", "CANCELLED"};
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final SourceTableSchema ORDERS =
      new SourceTableSchema(
          List.of(
              SourceColumn.required("order_id", ColumnType.of(ColumnType.Kind.LONG)),
              SourceColumn.optional("customer_id", ColumnType.of(ColumnType.Kind.LONG)),
              SourceColumn.required("status", ColumnType.of(ColumnType.Kind.STRING)),
              SourceColumn.required("total", ColumnType.decimal(12, 2)),
              SourceColumn.required("placed_at", ColumnType.of(ColumnType.Kind.TIMESTAMPTZ)),
              SourceColumn.required("updated_at", ColumnType.of(ColumnType.Kind.TIMESTAMPTZ))),
          List.of("order_id"));

  private StorageReadBench() {}

  static List<Report> run(BenchStack bench, int rows, int shadows, int changesPerShadow)
      throws Exception {
    Random random = new Random(42);
    Map<Long, Map<String, Object>> state = new LinkedHashMap<>();
    List<Long> keys = new ArrayList<>();
    long nextId = 1;
    ByteArrayOutputStream changeBytes = new ByteArrayOutputStream();
    Report reads =
        new Report(
            "reads: the whole table at a shadow, "
                + Report.f0(rows)
                + " rows, "
                + Report.f0(changesPerShadow)
                + " changes per shadow (median of 3 reads)");
    List<Integer> checkpoints = new ArrayList<>();
    for (int n : new int[] {10, 25, 50, 100, 200}) {
      if (n < shadows) {
        checkpoints.add(n);
      }
    }
    checkpoints.add(shadows);
    Map<Integer, Double> shadowOneByN = new LinkedHashMap<>();

    try (ShadowCatalog catalog = ShadowCatalog.open(bench.catalog("bench"));
        OutputStream gzip = new GZIPOutputStream(changeBytes)) {
      ShadowCommitter committer = new ShadowCommitter(catalog.catalog());
      ShadowReader reader = new ShadowReader(catalog.catalog());
      ShadowTableName name = new ShadowTableName(GROUP, TABLE);
      long commitNanos = 0;
      long fullCopyBytes = 0;
      for (int s = 1; s <= shadows; s++) {
        List<RowChange> changes = new ArrayList<>();
        List<KeyChange> history = new ArrayList<>();
        Instant cut = BASE.plus(Duration.ofMinutes(s));
        if (s == 1) {
          for (int i = 0; i < rows; i++) {
            Map<String, Object> row = newRow(nextId++, random, s);
            state.put((Long) row.get("order_id"), row);
            keys.add((Long) row.get("order_id"));
            changes.add(RowChange.upsert(row));
            history.add(keyChange("r", null, row, cut));
          }
        } else {
          Set<Long> touched = new HashSet<>();
          for (int i = 0; i < changesPerShadow; i++) {
            int op = random.nextInt(100);
            if (op < 15) {
              Map<String, Object> row = newRow(nextId++, random, s);
              long id = (Long) row.get("order_id");
              state.put(id, row);
              keys.add(id);
              changes.add(RowChange.upsert(row));
              writeChange(gzip, "c", row);
              history.add(keyChange("c", null, row, cut));
            } else {
              long id = keys.get(random.nextInt(keys.size()));
              if (!state.containsKey(id) || !touched.add(id)) {
                continue;
              }
              if (op < 85) {
                Map<String, Object> before = state.get(id);
                Map<String, Object> row = new LinkedHashMap<>(before);
                row.put("status", STATUS[random.nextInt(STATUS.length)]);
                row.put("total", BigDecimal.valueOf(random.nextInt(10_000_000), 2));
                row.put("updated_at", time(s));
                state.put(id, row);
                changes.add(RowChange.upsert(row));
                writeChange(gzip, "u", row);
                history.add(keyChange("u", before, row, cut));
              } else {
                Map<String, Object> before = state.remove(id);
                changes.add(RowChange.delete(Map.of("order_id", id)));
                writeChange(gzip, "d", Map.of("order_id", id));
                history.add(keyChange("d", before, null, cut));
              }
            }
          }
        }
        long t0 = System.nanoTime();
        committer.commit(
            new ShadowWrite(
                ShadowIds.of(GROUP, cut),
                GROUP,
                s,
                cut,
                Map.of(),
                List.of(new TableWrite(TABLE, ORDERS, changes)),
                Set.of(),
                history));
        commitNanos += System.nanoTime() - t0;
        if (s == 1) {
          fullCopyBytes = fullCopy(catalog.catalog().loadTable(name.identifier()), state);
        }
        if (checkpoints.contains(s)) {
          if (shadowOneByN.isEmpty()) {
            // Warm-up: the first reads of the run load classes and fill caches.
            for (int i = 0; i < 3; i++) {
              reader.rowsAt(name, ShadowIds.of(GROUP, cut), ReadOptions.ALL);
            }
          }
          double first =
              readMillis(reader, name, ShadowIds.of(GROUP, BASE.plus(Duration.ofMinutes(1))));
          int middle = Math.max(1, s / 2);
          double mid =
              readMillis(reader, name, ShadowIds.of(GROUP, BASE.plus(Duration.ofMinutes(middle))));
          double current = readMillis(reader, name, ShadowIds.of(GROUP, cut));
          shadowOneByN.put(s, first);
          reads.row(
              "N = " + s + ": shadow 1 / shadow " + middle + " / current",
              Report.f0(first) + " / " + Report.f0(mid) + " / " + Report.f0(current) + " ms",
              "≤ 1.5 × current",
              "ratios " + Report.f2(first / current) + " / " + Report.f2(mid / current));
        }
      }
      gzip.close();
      Table table = catalog.catalog().loadTable(name.identifier());
      long[] fileBytes = shadowFileBytes(table);
      long objectBytes = objectBytes(bench, table);
      long reference = fullCopyBytes + changeBytes.size();
      double firstAtMin = shadowOneByN.values().stream().mapToDouble(d -> d).min().orElse(0);
      double firstAtMax = shadowOneByN.values().stream().mapToDouble(d -> d).max().orElse(0);
      reads.row(
          "reading shadow 1, slowest / fastest over N",
          Report.f2(firstAtMax / firstAtMin),
          "flat in N",
          "N = " + shadowOneByN.keySet());
      Report storage =
          new Report(
                  "storage: "
                      + shadows
                      + " shadows of "
                      + Report.f0(rows)
                      + " rows, "
                      + Report.f0(changesPerShadow)
                      + " changes per shadow (70% update, 15% insert, 15% delete)")
              .row(
                  "shadow files: data + equality deletes",
                  Report.bytes(fileBytes[0] + fileBytes[1]))
              .row("  of which equality deletes", Report.bytes(fileBytes[1]))
              .row("every object of the table (with metadata)", Report.bytes(objectBytes))
              .row("first full copy (Parquet, state at shadow 1)", Report.bytes(fullCopyBytes))
              .row(
                  "changes of shadows 2.." + shadows + ", gzip'd JSON lines",
                  Report.bytes(changeBytes.size()))
              .row(
                  "ratio shadow files / (full copy + compressed changes)",
                  Report.f2((fileBytes[0] + fileBytes[1]) / (double) reference),
                  "≤ 1.20",
                  "")
              .row(
                  "ratio with metadata",
                  Report.f2(objectBytes / (double) reference),
                  "",
                  "manifests, lists, metadata JSON")
              .row(
                  "a full copy per shadow would take",
                  Report.bytes(fullCopyBytes * shadows),
                  "",
                  Report.f1(fullCopyBytes * (double) shadows / (fileBytes[0] + fileBytes[1]))
                      + "× the shadow files")
              .row("commit time, all shadows", Report.ms(commitNanos));
      return List.of(
          storage, reads, history(bench, catalog, reader, name, keys, shadows, fileBytes));
    }
  }

  private static Report history(
      BenchStack bench,
      ShadowCatalog catalog,
      ShadowReader reader,
      ShadowTableName name,
      List<Long> keys,
      int shadows,
      long[] shadowFiles)
      throws IOException {
    ChangeHistory history = new ChangeHistory(catalog.catalog());
    Table table = catalog.catalog().loadTable(HistoryTable.identifier(GROUP));
    long historyBytes = 0;
    long historyRows = 0;
    for (Snapshot snapshot : table.snapshots()) {
      for (ContentFile<?> f :
          SnapshotChanges.builderFor(table).snapshot(snapshot).build().addedDataFiles()) {
        historyBytes += f.fileSizeInBytes();
        historyRows += f.recordCount();
      }
    }
    Random random = new Random(7);
    List<Double> byHistory = new ArrayList<>();
    List<Double> bySnapshots = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      long id = keys.get(random.nextInt(keys.size()));
      long t0 = System.nanoTime();
      int a = history.keyHistory(GROUP, SOURCE_TABLE, Map.of("order_id", id)).size();
      long t1 = System.nanoTime();
      int b = reader.keyHistory(name, Map.of("order_id", id)).size();
      long t2 = System.nanoTime();
      if (a == 0 || b == 0) {
        throw new IllegalStateException("no history of order " + id);
      }
      byHistory.add((t1 - t0) / 1e6);
      bySnapshots.add((t2 - t1) / 1e6);
    }
    Collections.sort(byHistory);
    Collections.sort(bySnapshots);
    int from = Math.max(1, shadows / 2);
    int to = Math.min(shadows, from + 10);
    long t0 = System.nanoTime();
    int rangeRows =
        history
            .changes(
                GROUP,
                SOURCE_TABLE,
                BASE.plus(Duration.ofMinutes(from + 1)),
                BASE.plus(Duration.ofMinutes(to + 1)))
            .size();
    long t1 = System.nanoTime();
    reader.diff(
        name,
        ShadowIds.of(GROUP, BASE.plus(Duration.ofMinutes(from))),
        ShadowIds.of(GROUP, BASE.plus(Duration.ofMinutes(to))));
    long t2 = System.nanoTime();
    return new Report(
            "change history: chrono_history."
                + GROUP
                + ", one row per key a shadow changed (all "
                + shadows
                + " shadows)")
        .row("rows / bytes", Report.f0(historyRows) + " / " + Report.bytes(historyBytes))
        .row(
            "bytes beside the shadow files",
            Report.f2(historyBytes / (double) (shadowFiles[0] + shadowFiles[1])) + "×",
            "",
            "before/after as text maps")
        .row(
            "one key's history, p50: history table / shadow snapshots",
            Report.f0(Report.percentile(byHistory, 0.5))
                + " / "
                + Report.f0(Report.percentile(bySnapshots, 0.5))
                + " ms",
            "",
            "20 random keys; ShadowReader.keyHistory reads every shadow's files")
        .row(
            "a table's changes over " + (to - from) + " shadows: history / diff",
            Report.ms(t1 - t0) + " / " + Report.ms(t2 - t1),
            "",
            rangeRows + " history rows; the diff is net over the range");
  }

  private static KeyChange keyChange(
      String op, Map<String, Object> before, Map<String, Object> after, Instant cut) {
    Map<String, Object> key = Map.of("order_id", (after != null ? after : before).get("order_id"));
    return KeyChange.net(
            SOURCE_TABLE,
            op,
            op,
            RowKeys.canonical(key),
            key,
            before,
            after,
            1,
            cut.minusSeconds(1))
        .orElseThrow();
  }

  private static Map<String, Object> newRow(long id, Random random, int shadow) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("order_id", id);
    row.put("customer_id", (long) random.nextInt(50_000));
    row.put("status", STATUS[random.nextInt(2)]);
    row.put("total", BigDecimal.valueOf(random.nextInt(10_000_000), 2));
    row.put("placed_at", time(shadow).minusSeconds(random.nextInt(86_400)));
    row.put("updated_at", time(shadow));
    return row;
  }

  private static OffsetDateTime time(int shadow) {
    return OffsetDateTime.ofInstant(BASE.plus(Duration.ofMinutes(shadow)), ZoneOffset.UTC);
  }

  private static void writeChange(OutputStream out, String op, Map<String, Object> row)
      throws IOException {
    ObjectNode node = JSON.createObjectNode();
    node.put("op", op);
    row.forEach((k, v) -> node.put(k, v.toString()));
    out.write(JSON.writeValueAsBytes(node));
    out.write('\n');
  }

  /** The state written once as a Parquet data file with Iceberg's generic writer: its size. */
  private static long fullCopy(Table table, Map<Long, Map<String, Object>> state) {
    try {
      DataWriter<Record> writer = RawParquet.writer(table, "full-copy");
      try (writer) {
        for (Map<String, Object> row : state.values()) {
          GenericRecord r = GenericRecord.create(table.schema());
          r.setField("order_id", row.get("order_id"));
          r.setField("customer_id", row.get("customer_id"));
          r.setField("status", row.get("status"));
          r.setField("total", row.get("total"));
          r.setField("placed_at", row.get("placed_at"));
          r.setField("updated_at", row.get("updated_at"));
          writer.write(r);
        }
      }
      return writer.toDataFile().fileSizeInBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {data bytes, equality-delete bytes} added by the table's snapshots. */
  private static long[] shadowFileBytes(Table table) {
    long data = 0;
    long deletes = 0;
    for (Snapshot snapshot : table.snapshots()) {
      SnapshotChanges changes = SnapshotChanges.builderFor(table).snapshot(snapshot).build();
      for (ContentFile<?> f : changes.addedDataFiles()) {
        data += f.fileSizeInBytes();
      }
      for (ContentFile<?> f : changes.addedDeleteFiles()) {
        deletes += f.fileSizeInBytes();
      }
    }
    return new long[] {data, deletes};
  }

  /** Bytes of every object under the table's location except the reference copy. */
  private static long objectBytes(BenchStack bench, Table table) throws IOException {
    // s3proxy keeps objects as files: <base dir>/<bucket>/<key>.
    String location = table.location().replaceFirst("^s3a://", "");
    Path dir = bench.stack().s3().baseDir().resolve(location);
    try (var files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> !p.toString().contains("/full-copy/"))
          .mapToLong(
              p -> {
                try {
                  return Files.size(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .sum();
    }
  }

  private static double readMillis(ShadowReader reader, ShadowTableName name, String shadowId) {
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      long t0 = System.nanoTime();
      int n = reader.rowsAt(name, shadowId, ReadOptions.ALL).rows().size();
      times.add((System.nanoTime() - t0) / 1e6);
      if (n == 0) {
        throw new IllegalStateException("empty read of " + shadowId);
      }
    }
    Collections.sort(times);
    return times.get(1);
  }
}

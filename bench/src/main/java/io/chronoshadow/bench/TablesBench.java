package io.chronoshadow.bench;

import io.chronoshadow.shadow.catalog.ShadowCatalog;
import io.chronoshadow.shadow.commit.RowChange;
import io.chronoshadow.shadow.commit.ShadowCommitter;
import io.chronoshadow.shadow.commit.ShadowWrite;
import io.chronoshadow.shadow.commit.TableWrite;
import io.chronoshadow.shadow.cut.ShadowIds;
import io.chronoshadow.shadow.table.SourceTableSchema;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Many tables: the commit time of a shadow of a group of N tables (N = 1, 5, 10, 25, 50 by
 * default), each table changing {@code rowsPerTable} rows per shadow, over {@code shadows} shadows
 * per group, through {@link ShadowCommitter} (one {@code ShadowWrite} per shadow, every table of
 * the group in it, as the topology hands a cut to the committer; no Kafka, no history rows). The
 * first shadow of a group also creates its tables and is reported apart; the others give p50/max.
 * Growth per table: the least-squares slope of the p50 over N.
 *
 * <p>Per table and shadow: in the first shadow {@code rowsPerTable} inserts; later, 60% updates of
 * earlier keys, 25% inserts and 15% deletes, distinct keys within a shadow.
 */
final class TablesBench {

  private static final Instant BASE = Instant.parse("2026-02-01T00:00:00Z");
  private static final Duration INTERVAL = Duration.ofMinutes(1);
  private static final SourceTableSchema SCHEMA = IngestBench.NARROW;

  private TablesBench() {}

  /** One group size's figures, in milliseconds. */
  record Group(int tables, long firstMillis, double p50Millis, long maxMillis) {}

  static Report run(BenchStack bench, List<Integer> sizes, int shadows, int rowsPerTable) {
    List<Group> groups = new ArrayList<>();
    try (ShadowCatalog catalog = ShadowCatalog.open(bench.catalog("bench"))) {
      ShadowCommitter committer = new ShadowCommitter(catalog.catalog());
      // A warm-up group first: classes, S3A and JDBC connections ready for every size alike.
      commitGroup(committer, "tables-warmup", 2, 3, rowsPerTable);
      for (int n : sizes) {
        List<Long> millis = commitGroup(committer, "tables-" + n, n, shadows, rowsPerTable);
        long first = millis.get(0);
        List<Long> rest = new ArrayList<>(millis.subList(1, millis.size()));
        Collections.sort(rest);
        groups.add(
            new Group(
                n,
                first,
                rest.isEmpty() ? first : Report.percentile(rest, 0.5),
                rest.isEmpty() ? first : rest.get(rest.size() - 1)));
      }
    }
    Report report =
        new Report(
            "tables: commit time per shadow of a group of N tables, "
                + rowsPerTable
                + " changed rows per table per shadow, "
                + shadows
                + " shadows per group (ShadowCommitter)");
    for (Group g : groups) {
      report.row(
          "N = " + g.tables() + ": p50 / max (shadows 2.." + shadows + ")",
          Report.f0(g.p50Millis()) + " / " + Report.f0(g.maxMillis()) + " ms",
          "",
          "first shadow (creates the tables) "
              + Report.f0(g.firstMillis())
              + " ms; p50 per table "
              + Report.f1(g.p50Millis() / g.tables())
              + " ms");
    }
    if (groups.size() >= 2) {
      Group small = groups.get(0);
      Group large = groups.get(groups.size() - 1);
      report
          .row(
              "growth of the p50 per added table",
              Report.f1(slope(groups)) + " ms",
              "",
              "least-squares slope over N = "
                  + groups.stream().map(g -> String.valueOf(g.tables())).toList())
          .row(
              "p50 at N = " + large.tables() + " / at N = " + small.tables(),
              Report.f2(large.p50Millis() / small.p50Millis()) + "×",
              "",
              "tables × " + large.tables() / small.tables());
    }
    return report;
  }

  private static double slope(List<Group> groups) {
    double mx = groups.stream().mapToDouble(Group::tables).average().orElse(0);
    double my = groups.stream().mapToDouble(Group::p50Millis).average().orElse(0);
    double num = 0;
    double den = 0;
    for (Group g : groups) {
      num += (g.tables() - mx) * (g.p50Millis() - my);
      den += (g.tables() - mx) * (g.tables() - mx);
    }
    return den == 0 ? 0 : num / den;
  }

  /** Commits {@code shadows} shadows of a group of {@code n} tables; their times in ms. */
  private static List<Long> commitGroup(
      ShadowCommitter committer, String group, int n, int shadows, int rowsPerTable) {
    List<Long> millis = new ArrayList<>();
    long[] nextId = new long[n];
    for (int s = 0; s < shadows; s++) {
      List<TableWrite> tables = new ArrayList<>(n);
      for (int t = 0; t < n; t++) {
        tables.add(new TableWrite("t" + t, SCHEMA, changes(s, t, rowsPerTable, nextId)));
      }
      Instant cut = BASE.plus(INTERVAL.multipliedBy(s + 1));
      long t0 = System.nanoTime();
      var result =
          committer.commit(
              new ShadowWrite(ShadowIds.of(group, cut), group, s + 1, cut, Map.of(), tables));
      millis.add((System.nanoTime() - t0) / 1_000_000);
      if (result.tables().size() != n) {
        throw new IllegalStateException(
            group + " shadow " + (s + 1) + ": " + result.tables().size() + " of " + n + " tables");
      }
    }
    return millis;
  }

  /**
   * One table's changes in shadow {@code s}: inserts of new keys at first, then updates of earlier
   * keys, new inserts and deletes of earlier keys (never a key twice in one shadow).
   */
  private static List<RowChange> changes(int s, int table, int rows, long[] nextId) {
    List<RowChange> out = new ArrayList<>(rows);
    if (s == 0) {
      for (int i = 0; i < rows; i++) {
        out.add(upsert(nextId[table]++, s));
      }
      return out;
    }
    int updates = rows * 60 / 100;
    int deletes = rows * 15 / 100;
    int inserts = rows - updates - deletes;
    long existing = nextId[table];
    // Updates and deletes walk disjoint strides of the earlier keys (the first rows keys exist).
    long stride = Math.max(1, existing / (updates + deletes));
    long key = (s * 7L) % stride;
    for (int i = 0; i < updates; i++, key += stride) {
      out.add(upsert(key % existing, s));
    }
    for (int i = 0; i < deletes; i++, key += stride) {
      out.add(RowChange.delete(Map.of("id", key % existing)));
    }
    for (int i = 0; i < inserts; i++) {
      out.add(upsert(nextId[table]++, s));
    }
    return out;
  }

  private static RowChange upsert(long id, int shadow) {
    return RowChange.upsert(Map.of("id", id, "v", id * 31 + shadow, "s", "row-" + (id % 1000)));
  }
}

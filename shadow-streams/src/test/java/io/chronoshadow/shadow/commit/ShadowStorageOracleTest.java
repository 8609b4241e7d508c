package io.chronoshadow.shadow.commit;

import static org.assertj.core.api.Assertions.assertThat;

import io.chronoshadow.shadow.catalog.ShadowCatalog;
import io.chronoshadow.shadow.catalog.StorageFixture;
import io.chronoshadow.shadow.read.ReadOptions;
import io.chronoshadow.shadow.read.ShadowDiff;
import io.chronoshadow.shadow.read.ShadowReader;
import io.chronoshadow.shadow.read.ShadowRows;
import io.chronoshadow.shadow.table.ShadowTableName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random inserts/updates/deletes over several shadows on two tables, checked after every commit
 * against an in-memory replay: full state at every shadow, diffs, key histories, as-of-time reads,
 * and that each shadow stores only its changed keys.
 */
class ShadowStorageOracleTest {

  private static final int SHADOWS = 8;

  @TempDir static Path dir;
  private static StorageFixture storage;
  private static ShadowCatalog catalog;

  @BeforeAll
  static void start() {
    storage = StorageFixture.start(dir);
    catalog = storage.open("oracle");
  }

  @AfterAll
  static void stop() {
    if (catalog != null) {
      catalog.close();
    }
    if (storage != null) {
      storage.close();
    }
  }

  @Test
  void everyShadowReadsBackAsTheReplayOfItsChanges() {
    ShadowOracle oracle = new ShadowOracle(42);
    ShadowCommitter committer = new ShadowCommitter(catalog.catalog());
    ShadowReader reader = new ShadowReader(catalog.catalog());
    for (int seq = 1; seq <= SHADOWS; seq++) {
      // Shadow 1 changes only orders: order_lines gets an empty snapshot to carry its tag.
      // Shadow 4 changes only order_lines: orders is tagged on its unchanged snapshot.
      int orderChanges = seq == 4 ? 0 : 5 + seq * 3;
      int lineChanges = seq == 1 ? 0 : 4 + seq * 2;
      ShadowWrite write = oracle.nextShadow(orderChanges, lineChanges);
      ShadowCommitResult result = committer.commit(write);

      assertThat(result.tables())
          .extracting(TableCommitStats::table)
          .containsExactly(ShopTables.LINES, ShopTables.ORDERS);
      assertDifferentialStorage(write, result);
      for (int s = 1; s <= seq; s++) {
        for (String table : List.of(ShopTables.ORDERS, ShopTables.LINES)) {
          ShadowRows rows = reader.rowsAt(name(table), oracle.shadowIdOf(s), ReadOptions.ALL);
          assertThat(byKey(rows.rows(), table))
              .as("%s at shadow %d after committing shadow %d", table, s, seq)
              .isEqualTo(oracle.stateAt(s, table));
        }
      }
    }
    assertThat(reader.shadows(name(ShopTables.ORDERS)))
        .extracting(io.chronoshadow.shadow.read.ShadowRef::shadowId)
        .containsExactlyElementsOf(
            java.util.stream.IntStream.rangeClosed(1, SHADOWS)
                .mapToObj(oracle::shadowIdOf)
                .toList());

    for (String table : List.of(ShopTables.ORDERS, ShopTables.LINES)) {
      // From the first shadow to each, each to the next, each to itself, and backward pairs.
      List<int[]> pairs = new ArrayList<>();
      for (int j = 1; j <= SHADOWS; j++) {
        pairs.add(new int[] {1, j});
        pairs.add(new int[] {j, j});
        if (j < SHADOWS) {
          pairs.add(new int[] {j, j + 1});
        }
      }
      pairs.addAll(List.of(new int[] {3, 7}, new int[] {SHADOWS, 1}, new int[] {6, 2}));
      for (int[] pair : pairs) {
        ShadowDiff diff =
            reader.diff(name(table), oracle.shadowIdOf(pair[0]), oracle.shadowIdOf(pair[1]));
        assertDiff(diff, oracle.stateAt(pair[0], table), oracle.stateAt(pair[1], table), table);
      }
      // Histories of a seeded sample of keys (all keys would only repeat the same checks).
      Set<RowKey> everyKey = new java.util.TreeSet<>(Comparator.comparing(RowKey::toString));
      for (int s = 1; s <= SHADOWS; s++) {
        everyKey.addAll(oracle.stateAt(s, table).keySet());
      }
      List<RowKey> sample = new ArrayList<>(everyKey);
      java.util.Collections.shuffle(sample, new java.util.Random(11));
      for (RowKey key : sample.subList(0, Math.min(15, sample.size()))) {
        assertThat(reader.keyHistory(name(table), keyMap(table, key)))
            .extracting(v -> v.shadow().shadowId() + "=" + v.row())
            .as("history of %s %s", table, key)
            .containsExactlyElementsOf(expectedHistory(oracle, table, key));
      }
    }

    // As of a time: the latest shadow whose cut time is at or before it.
    ShadowTableName orders = name(ShopTables.ORDERS);
    assertThat(reader.rowsAsOf(orders, ShadowOracle.cutTime(1).minusMillis(1), ReadOptions.ALL))
        .isEmpty();
    for (int s = 1; s <= SHADOWS; s++) {
      for (Duration offset : List.of(Duration.ZERO, Duration.ofMinutes(4).plusSeconds(59))) {
        ShadowRows rows =
            reader
                .rowsAsOf(orders, ShadowOracle.cutTime(s).plus(offset), ReadOptions.ALL)
                .orElseThrow();
        assertThat(rows.shadow().shadowId()).isEqualTo(oracle.shadowIdOf(s));
        assertThat(byKey(rows.rows(), ShopTables.ORDERS))
            .isEqualTo(oracle.stateAt(s, ShopTables.ORDERS));
      }
    }

    // Projection and equality filter.
    Map<RowKey, Map<String, Object>> last = oracle.stateAt(SHADOWS, ShopTables.ORDERS);
    Map<String, Object> some = last.values().iterator().next();
    List<Map<String, Object>> filtered =
        reader
            .rowsAt(
                orders,
                oracle.shadowIdOf(SHADOWS),
                new ReadOptions(List.of("id", "status"), Map.of("customer", some.get("customer"))))
            .rows();
    List<Map<String, Object>> expected = new ArrayList<>();
    for (Map<String, Object> row : last.values()) {
      if (row.get("customer").equals(some.get("customer"))) {
        Map<String, Object> projected = new LinkedHashMap<>();
        projected.put("id", row.get("id"));
        projected.put("status", row.get("status"));
        expected.add(projected);
      }
    }
    assertThat(filtered).containsExactlyInAnyOrderElementsOf(expected);
  }

  /**
   * Iceberg applies an equality delete only to data files whose data sequence number is strictly
   * lower than the delete file's. A shadow's delete file and data file share their snapshot's
   * sequence number, so deleting every changed key never hides the after-images added with it.
   */
  @Test
  void equalityDeletesDoNotHideRowsAddedInTheSameSnapshot() {
    String group = "seqno";
    java.time.Instant cut = java.time.Instant.parse("2026-05-01T00:00:00Z");
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("order_id", 1L);
    row.put("line_no", 1);
    row.put("sku", "a");
    row.put("qty", 3);
    ShadowWrite write =
        new ShadowWrite(
            io.chronoshadow.shadow.cut.ShadowIds.of(group, cut),
            group,
            1,
            cut,
            Map.of(),
            List.of(
                new TableWrite(
                    ShopTables.LINES, ShopTables.LINES_SCHEMA, List.of(RowChange.upsert(row)))));
    ShadowCommitResult result = new ShadowCommitter(catalog.catalog()).commit(write);
    ShadowTableName lines = new ShadowTableName(group, ShopTables.LINES);
    Table table = catalog.catalog().loadTable(lines.identifier());
    Snapshot snapshot = table.snapshot(result.tables().get(0).snapshotId());
    org.apache.iceberg.SnapshotChanges changes =
        org.apache.iceberg.SnapshotChanges.builderFor(table).snapshot(snapshot).build();
    List<org.apache.iceberg.DataFile> data = new ArrayList<>();
    changes.addedDataFiles().forEach(data::add);
    List<org.apache.iceberg.DeleteFile> deletes = new ArrayList<>();
    changes.addedDeleteFiles().forEach(deletes::add);
    assertThat(data).hasSize(1);
    assertThat(deletes).hasSize(1);
    assertThat(deletes.get(0).content()).isEqualTo(org.apache.iceberg.FileContent.EQUALITY_DELETES);
    assertThat(deletes.get(0).recordCount()).isEqualTo(1);
    assertThat(deletes.get(0).dataSequenceNumber())
        .isEqualTo(data.get(0).dataSequenceNumber())
        .isEqualTo(snapshot.sequenceNumber());
    assertThat(
            new ShadowReader(catalog.catalog())
                .rowsAt(lines, write.shadowId(), ReadOptions.ALL)
                .rows())
        .containsExactly(row);
  }

  /**
   * Each shadow adds at most one data file (its net after-images) and one equality-delete file (its
   * net changed keys) per table, and nothing for an unchanged table.
   */
  private static void assertDifferentialStorage(ShadowWrite write, ShadowCommitResult result) {
    for (TableWrite tw : write.tables()) {
      Table table = catalog.catalog().loadTable(name(tw.table()).identifier());
      TableCommitStats stats =
          result.tables().stream()
              .filter(t -> t.table().equals(tw.table()))
              .findFirst()
              .orElseThrow();
      Map<RowKey, Map<String, Object>> net = new LinkedHashMap<>();
      for (RowChange c : tw.changes()) {
        RowKey key = RowKey.of(c.values(), ShopTables.keyColumns(tw.table()));
        net.remove(key);
        net.put(key, c instanceof RowChange.Upsert ? c.values() : null);
      }
      long upserts = net.values().stream().filter(Objects::nonNull).count();
      Snapshot snapshot = table.snapshot(stats.snapshotId());
      Map<String, String> summary = snapshot.summary();
      assertThat(table.refs().get(write.shadowId()).snapshotId()).isEqualTo(stats.snapshotId());
      if (tw.changes().isEmpty()) {
        assertThat(stats.outcome())
            .isIn(
                TableCommitStats.Outcome.TAGGED_UNCHANGED, TableCommitStats.Outcome.EMPTY_SNAPSHOT);
        assertThat(stats.rowsAdded()).isZero();
        if (stats.outcome() == TableCommitStats.Outcome.EMPTY_SNAPSHOT) {
          assertThat(summary).containsEntry(ShadowSummary.SHADOW_ID, write.shadowId());
        }
        continue;
      }
      assertThat(stats.outcome()).isEqualTo(TableCommitStats.Outcome.COMMITTED);
      assertThat(summary)
          .containsEntry(ShadowSummary.SHADOW_ID, write.shadowId())
          .containsEntry(ShadowSummary.GROUP, ShopTables.GROUP)
          .containsEntry(ShadowSummary.SEQUENCE, Long.toString(write.sequence()))
          .containsEntry(ShadowSummary.CUT_TIME, write.cutTime().toString())
          .containsEntry(SnapshotSummary.ADDED_FILES_PROP, upserts > 0 ? "1" : "0")
          .containsEntry(SnapshotSummary.ADDED_DELETE_FILES_PROP, "1")
          .containsEntry(SnapshotSummary.ADDED_RECORDS_PROP, Long.toString(upserts))
          .containsEntry(SnapshotSummary.ADDED_EQ_DELETES_PROP, Integer.toString(net.size()));
      assertThat(ShadowSummary.offsets(snapshot)).isEqualTo(write.sourceOffsets());
      assertThat(stats.rowsAdded()).isEqualTo(upserts);
      assertThat(stats.equalityDeletes()).isEqualTo(net.size());
      assertThat(stats.bytesWritten()).isPositive();
      // Rows added by this snapshot survive its own equality deletes (same data sequence number).
      assertThat(snapshot.sequenceNumber()).isGreaterThan(0);
    }
  }

  private static void assertDiff(
      ShadowDiff diff,
      Map<RowKey, Map<String, Object>> from,
      Map<RowKey, Map<String, Object>> to,
      String table) {
    Map<RowKey, Map<String, Object>> added = new HashMap<>();
    Map<RowKey, Map<String, Object>> removed = new HashMap<>();
    Map<RowKey, List<Map<String, Object>>> changed = new HashMap<>();
    for (Map.Entry<RowKey, Map<String, Object>> e : to.entrySet()) {
      Map<String, Object> old = from.get(e.getKey());
      if (old == null) {
        added.put(e.getKey(), e.getValue());
      } else if (!old.equals(e.getValue())) {
        changed.put(e.getKey(), List.of(old, e.getValue()));
      }
    }
    for (Map.Entry<RowKey, Map<String, Object>> e : from.entrySet()) {
      if (!to.containsKey(e.getKey())) {
        removed.put(e.getKey(), e.getValue());
      }
    }
    assertThat(byKey(diff.added(), table)).as("added %s", diff).isEqualTo(added);
    assertThat(byKey(diff.removed(), table)).as("removed %s", diff).isEqualTo(removed);
    Map<RowKey, List<Map<String, Object>>> actualChanged = new HashMap<>();
    for (ShadowDiff.ChangedRow c : diff.changed()) {
      actualChanged.put(
          RowKey.of(c.after(), ShopTables.keyColumns(table)), List.of(c.before(), c.after()));
    }
    assertThat(actualChanged).as("changed %s", diff).isEqualTo(changed);
  }

  private static List<String> expectedHistory(ShadowOracle oracle, String table, RowKey key) {
    List<String> history = new ArrayList<>();
    Map<String, Object> previous = null;
    for (int s = 1; s <= oracle.shadows(); s++) {
      Map<String, Object> now = oracle.stateAt(s, table).get(key);
      if (!Objects.equals(now, previous)) {
        history.add(oracle.shadowIdOf(s) + "=" + now);
      }
      previous = now;
    }
    return history;
  }

  static Map<RowKey, Map<String, Object>> byKey(List<Map<String, Object>> rows, String table) {
    Map<RowKey, Map<String, Object>> byKey = new LinkedHashMap<>();
    for (Map<String, Object> row : rows) {
      byKey.put(RowKey.of(row, ShopTables.keyColumns(table)), row);
    }
    return byKey;
  }

  private static Map<String, Object> keyMap(String table, RowKey key) {
    Map<String, Object> map = new LinkedHashMap<>();
    List<String> columns = ShopTables.keyColumns(table);
    for (int i = 0; i < columns.size(); i++) {
      map.put(columns.get(i), key.values().get(i));
    }
    return map;
  }

  static ShadowTableName name(String table) {
    return new ShadowTableName(ShopTables.GROUP, table);
  }
}

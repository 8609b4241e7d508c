package io.chronoshadow.shadow.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chronoshadow.shadow.catalog.ShadowCatalog;
import io.chronoshadow.shadow.catalog.StorageFixture;
import io.chronoshadow.shadow.cut.ShadowIds;
import io.chronoshadow.shadow.history.ChangeHistory;
import io.chronoshadow.shadow.history.HistoryEntry;
import io.chronoshadow.shadow.history.HistoryTable;
import io.chronoshadow.shadow.history.KeyChange;
import io.chronoshadow.shadow.history.KeyChange.ChangeOp;
import io.chronoshadow.shadow.table.RowKeys;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The change history on real storage: written in the shadow's own commit, exactly once per shadow
 * even when that commit is interrupted around the history and retried, and read back by key, by
 * time range (across a day partition boundary) and by shadow.
 */
class ShadowHistoryTest {

  private static final String ORDERS = "shop.orders";
  private static final Instant T1 = Instant.parse("2026-01-01T23:00:00Z");
  private static final Instant T2 = Instant.parse("2026-01-02T00:30:00Z");
  private static final Instant T3 = Instant.parse("2026-01-02T05:00:00Z");

  @TempDir static Path dir;
  private static StorageFixture storage;
  private static ShadowCatalog catalog;

  @BeforeAll
  static void start() {
    storage = StorageFixture.start(dir);
    catalog = storage.open("history");
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
  void historyIsCommittedOncePerShadowThroughRetriesAndReadsByKeyTimeAndShadow() {
    Map<String, Object> order1 = order(1, "new", "10.00");
    Map<String, Object> order2 = order(2, "new", "20.00");
    Map<String, Object> order1Paid = order(1, "paid", "10.00");
    Map<String, Object> order1Shipped = order(1, "shipped", "12.50");

    ShadowWrite first =
        write(
            1,
            T1,
            List.of(RowChange.upsert(order1), RowChange.upsert(order2)),
            List.of(
                net("c", "c", order1, null, order1, 1), net("c", "u", order2, null, order2, 2)));
    ShadowWrite second =
        write(
            2,
            T2,
            List.of(RowChange.upsert(order1Paid), RowChange.delete(Map.of("id", 2L))),
            List.of(
                net("u", "u", order1, order1, order1Paid, 1),
                net("u", "d", order2, order2, null, 2)));
    ShadowWrite third =
        write(
            3,
            T3,
            List.of(RowChange.upsert(order1Shipped)),
            List.of(net("u", "u", order1, order1Paid, order1Shipped, 3)));

    new ShadowCommitter(catalog.catalog()).commit(first);
    // Interrupted after the history's files, before its catalog commit; then after its commit.
    crash(second, "beforeCommit");
    new ShadowCommitter(catalog.catalog()).commit(second);
    crash(third, "afterTable");
    ShadowCommitResult retried = new ShadowCommitter(catalog.catalog()).commit(third);
    assertThat(retried.tables())
        .filteredOn(t -> t.table().equals(ShadowCommitter.HISTORY))
        .singleElement()
        .satisfies(
            t -> assertThat(t.outcome()).isEqualTo(TableCommitStats.Outcome.ALREADY_COMMITTED));

    Table history = catalog.catalog().loadTable(HistoryTable.identifier(ShopTables.GROUP));
    List<String> shadowsOfSnapshots = new ArrayList<>();
    for (Snapshot s : history.snapshots()) {
      shadowsOfSnapshots.add(ShadowSummary.shadowId(s).orElseThrow());
    }
    assertThat(shadowsOfSnapshots)
        .as("one history snapshot per shadow")
        .containsExactly(first.shadowId(), second.shadowId(), third.shadowId());

    ChangeHistory reader = new ChangeHistory(catalog.catalog());
    List<HistoryEntry> one = reader.keyHistory(ShopTables.GROUP, ORDERS, Map.of("id", 1L));
    assertThat(one).extracting(HistoryEntry::sequence).containsExactly(1L, 2L, 3L);
    assertThat(one)
        .extracting(e -> e.change().op())
        .containsExactly(ChangeOp.INSERT, ChangeOp.UPDATE, ChangeOp.UPDATE);
    assertThat(one.get(0).shadowTime()).isEqualTo(T1);
    assertThat(one.get(2).change().before()).containsEntry("status", "paid");
    assertThat(one.get(2).change().after())
        .containsEntry("status", "shipped")
        .containsEntry("amount", "12.50");
    assertThat(one.get(2).change().changedColumns()).containsExactly("amount", "status");
    assertThat(one.get(2).change().events()).isEqualTo(3);
    // An Integer finds the bigint key as well.
    assertThat(reader.keyHistory(ShopTables.GROUP, ORDERS, Map.of("id", 1))).hasSize(3);

    List<HistoryEntry> two = reader.keyHistory(ShopTables.GROUP, ORDERS, Map.of("id", 2L));
    assertThat(two)
        .extracting(e -> e.change().op())
        .containsExactly(ChangeOp.INSERT, ChangeOp.DELETE);
    assertThat(two.get(1).change().before()).containsEntry("amount", "20.00");
    assertThat(two.get(1).change().after()).isNull();

    // Second day only: shadows 2 and 3 (the first is in the previous day's partition).
    List<HistoryEntry> dayTwo =
        reader.changes(
            ShopTables.GROUP,
            ORDERS,
            Instant.parse("2026-01-02T00:00:00Z"),
            Instant.parse("2026-01-03T00:00:00Z"));
    assertThat(dayTwo)
        .extracting(HistoryEntry::shadowId)
        .containsExactly(second.shadowId(), second.shadowId(), third.shadowId());
    assertThat(reader.changes(ShopTables.GROUP, "shop.lines", T1, T3.plusSeconds(1))).isEmpty();
    assertThat(reader.shadow(ShopTables.GROUP, second.shadowId()))
        .extracting(e -> e.change().rowKey())
        .containsExactly(RowKeys.canonical(Map.of("id", 1L)), RowKeys.canonical(Map.of("id", 2L)));
    assertThat(reader.keyHistory("nogroup", ORDERS, Map.of("id", 1L))).isEmpty();
  }

  private static Map<String, Object> order(long id, String status, String amount) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", id);
    row.put("customer", "c" + id);
    row.put("amount", new BigDecimal(amount));
    row.put("status", status);
    row.put("created", null);
    return row;
  }

  private static KeyChange net(
      String firstOp,
      String lastOp,
      Map<String, Object> row,
      Map<String, Object> before,
      Map<String, Object> after,
      int events) {
    Map<String, Object> key = Map.of("id", row.get("id"));
    return KeyChange.net(
            ORDERS, firstOp, lastOp, RowKeys.canonical(key), key, before, after, events, T1)
        .orElseThrow();
  }

  private static ShadowWrite write(
      int sequence, Instant cut, List<RowChange> changes, List<KeyChange> history) {
    return new ShadowWrite(
        ShadowIds.of(ShopTables.GROUP, cut),
        ShopTables.GROUP,
        sequence,
        cut,
        Map.of(),
        List.of(new TableWrite(ShopTables.ORDERS, ShopTables.ORDERS_SCHEMA, changes)),
        Set.of(),
        history);
  }

  private static void crash(ShadowWrite write, String point) {
    CommitHook hook =
        new CommitHook() {
          @Override
          public void beforeCommit(String shadowId, String table) {
            crashIf("beforeCommit", table);
          }

          @Override
          public void afterTable(String shadowId, String table) {
            crashIf("afterTable", table);
          }

          private void crashIf(String where, String table) {
            if (where.equals(point) && table.equals(ShadowCommitter.HISTORY)) {
              throw new IllegalStateException("crash " + where + " " + table);
            }
          }
        };
    assertThatThrownBy(() -> new ShadowCommitter(catalog.catalog(), hook).commit(write))
        .hasMessageContaining("crash");
  }
}

package io.chronoshadow.shadow.commit;

import static io.chronoshadow.shadow.commit.ShadowStorageOracleTest.byKey;
import static io.chronoshadow.shadow.commit.ShadowStorageOracleTest.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chronoshadow.shadow.catalog.ShadowCatalog;
import io.chronoshadow.shadow.catalog.StorageFixture;
import io.chronoshadow.shadow.read.ReadOptions;
import io.chronoshadow.shadow.read.ShadowReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash at any point of a shadow commit, then the same shadow committed again: exactly one
 * snapshot per table carries the shadow id, every table has the tag, and contents equal the replay.
 */
class ShadowCommitIdempotencyTest {

  @TempDir static Path dir;
  private static StorageFixture storage;
  private static ShadowCatalog catalog;

  @BeforeAll
  static void start() {
    storage = StorageFixture.start(dir);
    catalog = storage.open("idempotency");
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

  /** Thrown by the fault-injection hook; stands for a kill at that point. */
  static final class Crash extends RuntimeException {
    Crash(String where) {
      super("simulated crash " + where);
    }
  }

  @Test
  void aRetriedShadowCompletesWhatIsMissingAndNeverCommitsTwice() {
    ShadowOracle oracle = new ShadowOracle(7);
    ShadowReader reader = new ShadowReader(catalog.catalog());
    new ShadowCommitter(catalog.catalog()).commit(oracle.nextShadow(10, 10));

    // Crash before anything of table 1 (order_lines, first in name order) is committed.
    ShadowWrite second = oracle.nextShadow(8, 8);
    crashAt(second, "beforeTable", ShopTables.LINES);
    assertRecovered(second, oracle, reader);

    // Crash after order_lines is done, before orders (k = 1 of n = 2 tables committed).
    ShadowWrite third = oracle.nextShadow(8, 8);
    crashAt(third, "beforeTable", ShopTables.ORDERS);
    assertThat(shadowSnapshots(ShopTables.LINES, third.shadowId())).hasSize(1);
    assertThat(shadowSnapshots(ShopTables.ORDERS, third.shadowId())).isEmpty();
    assertRecovered(third, oracle, reader);

    // Crash with orders' files written but not committed (orphans, invisible).
    ShadowWrite fourth = oracle.nextShadow(8, 8);
    crashAt(fourth, "beforeCommit", ShopTables.ORDERS);
    assertRecovered(fourth, oracle, reader);

    // Crash after every table committed, before the caller learnt it (e.g. before acking).
    ShadowWrite fifth = oracle.nextShadow(8, 8);
    crashAt(fifth, "afterTable", ShopTables.ORDERS);
    assertRecovered(fifth, oracle, reader);

    // A snapshot whose tag is missing (what a writer that tagged in a second commit could leave):
    // the retry tags it and adds no snapshot.
    ShadowWrite sixth = oracle.nextShadow(8, 8);
    new ShadowCommitter(catalog.catalog()).commit(sixth);
    Table orders = catalog.catalog().loadTable(name(ShopTables.ORDERS).identifier());
    orders.manageSnapshots().removeTag(sixth.shadowId()).commit();
    assertRecovered(sixth, oracle, reader);

    // Committing an already complete shadow again changes nothing.
    Table lines = catalog.catalog().loadTable(name(ShopTables.LINES).identifier());
    String metadataBefore =
        ((org.apache.iceberg.HasTableOperations) lines)
            .operations()
            .current()
            .metadataFileLocation();
    ShadowCommitResult again = new ShadowCommitter(catalog.catalog()).commit(sixth);
    assertThat(again.tables())
        .extracting(TableCommitStats::outcome)
        .containsOnly(TableCommitStats.Outcome.ALREADY_COMMITTED);
    lines.refresh();
    assertThat(
            ((org.apache.iceberg.HasTableOperations) lines)
                .operations()
                .current()
                .metadataFileLocation())
        .isEqualTo(metadataBefore);

    for (String table : List.of(ShopTables.ORDERS, ShopTables.LINES)) {
      for (int seq = 1; seq <= oracle.shadows(); seq++) {
        assertThat(
                byKey(
                    reader.rowsAt(name(table), oracle.shadowIdOf(seq), ReadOptions.ALL).rows(),
                    table))
            .isEqualTo(oracle.stateAt(seq, table));
      }
    }
  }

  @Test
  void aCommitterThatKeepsItsTablesStillSeesWhatAnotherWriterCommitted() {
    try (ShadowCatalog own = storage.open("kept-tables")) {
      ShadowOracle oracle = new ShadowOracle(11);
      ShadowCommitter keeping = new ShadowCommitter(own.catalog());
      keeping.commit(oracle.nextShadow(10, 10)); // loads both tables and keeps them

      // Another writer (a zombie instance, an operator's retry) commits the next shadow first.
      ShadowWrite second = oracle.nextShadow(8, 8);
      new ShadowCommitter(own.catalog()).commit(second);
      ShadowCommitResult again = keeping.commit(second);
      assertThat(again.tables())
          .extracting(TableCommitStats::outcome)
          .containsOnly(TableCommitStats.Outcome.ALREADY_COMMITTED);

      // The kept tables build on that writer's snapshots, not on the ones they last saw.
      ShadowWrite third = oracle.nextShadow(8, 8);
      keeping.commit(third);
      ShadowReader reader = new ShadowReader(own.catalog());
      for (String table : List.of(ShopTables.ORDERS, ShopTables.LINES)) {
        for (ShadowWrite w : List.of(second, third)) {
          assertThat(shadowSnapshots(own.catalog(), table, w.shadowId()))
              .as("%s snapshots of %s", table, w.shadowId())
              .hasSize(1);
        }
        for (int seq = 1; seq <= oracle.shadows(); seq++) {
          assertThat(
                  byKey(
                      reader.rowsAt(name(table), oracle.shadowIdOf(seq), ReadOptions.ALL).rows(),
                      table))
              .isEqualTo(oracle.stateAt(seq, table));
        }
      }
    }
  }

  private static void crashAt(ShadowWrite write, String point, String atTable) {
    CommitHook hook =
        new CommitHook() {
          @Override
          public void beforeTable(String shadowId, String table) {
            crashIf("beforeTable", table);
          }

          @Override
          public void beforeCommit(String shadowId, String table) {
            crashIf("beforeCommit", table);
          }

          @Override
          public void afterTable(String shadowId, String table) {
            crashIf("afterTable", table);
          }

          private void crashIf(String where, String table) {
            if (where.equals(point) && table.equals(atTable)) {
              throw new Crash(where + " " + table);
            }
          }
        };
    assertThatThrownBy(() -> new ShadowCommitter(catalog.catalog(), hook).commit(write))
        .isInstanceOf(Crash.class);
  }

  private static void assertRecovered(ShadowWrite write, ShadowOracle oracle, ShadowReader reader) {
    ShadowCommitResult result = new ShadowCommitter(catalog.catalog()).commit(write);
    assertThat(result.tables()).hasSize(2);
    int sequence = (int) write.sequence();
    for (String table : List.of(ShopTables.ORDERS, ShopTables.LINES)) {
      List<Snapshot> carrying = shadowSnapshots(table, write.shadowId());
      assertThat(carrying).as("%s snapshots of %s", table, write.shadowId()).hasSize(1);
      Table t = catalog.catalog().loadTable(name(table).identifier());
      assertThat(t.refs().get(write.shadowId()).snapshotId())
          .isEqualTo(carrying.get(0).snapshotId());
      // The recovered shadow here; every shadow once more at the end of the test.
      assertThat(byKey(reader.rowsAt(name(table), write.shadowId(), ReadOptions.ALL).rows(), table))
          .isEqualTo(oracle.stateAt(sequence, table));
    }
  }

  private static List<Snapshot> shadowSnapshots(String table, String shadowId) {
    return shadowSnapshots(catalog.catalog(), table, shadowId);
  }

  private static List<Snapshot> shadowSnapshots(
      org.apache.iceberg.catalog.Catalog in, String table, String shadowId) {
    Table t = in.loadTable(name(table).identifier());
    List<Snapshot> carrying = new ArrayList<>();
    for (Snapshot s : t.snapshots()) {
      if (ShadowSummary.shadowId(s).filter(shadowId::equals).isPresent()) {
        carrying.add(s);
      }
    }
    return carrying;
  }
}

package io.chronoshadow.devstack.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ShopWorkloadDeterminismTest {

  private static final int STEPS = 1_500;

  static PostgresFixture pg;

  @BeforeAll
  static void startPostgres() {
    pg = PostgresFixture.start();
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    pg.close();
  }

  private static Map<String, List<List<String>>> runFresh(String database, long seed)
      throws Exception {
    DataSource db = pg.newDatabase(database);
    WorkloadConfig config = WorkloadConfig.builder().seed(seed).build();
    try (ShopWorkload workload = ShopWorkload.create(db, config)) {
      WorkloadStats stats = workload.runSteps(STEPS);
      assertThat(stats.stepsExecuted()).isEqualTo(STEPS);
      assertThat(stats.failedByCause()).as("failed transactions by cause").isEmpty();
      assertThat(stats.committed()).isGreaterThan(STEPS * 8L / 10);
    }
    return TableDump.of(db);
  }

  @Test
  void sameSeedAndStepsGiveIdenticalTablesAndAnotherSeedDoesNot() throws Exception {
    Map<String, List<List<String>>> first = runFresh("same_seed_a", 7);
    Map<String, List<List<String>>> second = runFresh("same_seed_b", 7);
    Map<String, List<List<String>>> other = runFresh("other_seed", 8);

    assertThat(first.keySet())
        .containsExactly("customers", "products", "orders", "order_lines", "payments");
    // the traffic touched every table, so the comparison means something
    first.forEach((table, rows) -> assertThat(rows).as(table).isNotEmpty());
    for (String table : first.keySet()) {
      assertThat(second.get(table)).as(table).isEqualTo(first.get(table));
    }
    assertThat(other).isNotEqualTo(first);
    assertThat(other.get("products")).isNotEqualTo(first.get("products"));
  }

  @Test
  void stepsSplitAcrossCallsGiveTheSameStateAsOneCall() throws Exception {
    DataSource whole = pg.newDatabase("split_whole");
    DataSource split = pg.newDatabase("split_parts");
    WorkloadConfig config = WorkloadConfig.builder().seed(99).build();
    try (ShopWorkload workload = ShopWorkload.create(whole, config)) {
      workload.runSteps(600);
    }
    try (ShopWorkload workload = ShopWorkload.create(split, config)) {
      workload.runSteps(250);
      workload.runSteps(350);
      assertThat(workload.nextStep()).isEqualTo(600);
    }
    assertThat(TableDump.of(split)).isEqualTo(TableDump.of(whole));
  }
}

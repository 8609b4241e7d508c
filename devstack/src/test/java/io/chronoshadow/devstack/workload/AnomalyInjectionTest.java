package io.chronoshadow.devstack.workload;

import static io.chronoshadow.devstack.workload.PostgresFixture.queryLong;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AnomalyInjectionTest {

  static PostgresFixture pg;

  @BeforeAll
  static void startPostgres() {
    pg = PostgresFixture.start();
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    pg.close();
  }

  private static WorkloadConfig.Builder quickAnomalies() {
    return WorkloadConfig.builder()
        .runawayDeleteDuration(Duration.ofMillis(800))
        .runawayDeleteBatchSize(50)
        .stockDrainDuration(Duration.ofMillis(600))
        .orderSpikeDuration(Duration.ofSeconds(3));
  }

  @Test
  void priceGlitchMultipliesABatchOfPricesByOneFactorInOneTransaction() throws Exception {
    DataSource db = pg.newDatabase("price_glitch");
    List<AnomalyInjection> heard = new CopyOnWriteArrayList<>();
    try (ShopWorkload workload = ShopWorkload.create(db, quickAnomalies().seed(5).build())) {
      workload.runSteps(300);
      workload.addAnomalyListener(heard::add);
      Map<Long, BigDecimal> before = prices(db);
      Instant requested = Instant.now();

      AnomalyInjection glitch = workload.inject(Anomaly.PRICE_GLITCH).get(10, TimeUnit.SECONDS);

      Map<Long, BigDecimal> after = prices(db);
      List<Long> changed =
          before.keySet().stream().filter(id -> !before.get(id).equals(after.get(id))).toList();
      assertThat(glitch.anomaly()).isEqualTo(Anomaly.PRICE_GLITCH);
      assertThat(glitch.completed()).isTrue();
      assertThat(glitch.rowsAffected()).isEqualTo(changed.size()).isBetween(15L, 20L);
      BigDecimal factor =
          glitch.detail().contains("factor=100") ? new BigDecimal("100") : new BigDecimal("0.01");
      for (long id : changed) {
        assertThat(after.get(id))
            .as("product %d", id)
            .isEqualByComparingTo(
                before.get(id).multiply(factor).setScale(2, RoundingMode.HALF_UP));
      }
      assertThat(glitch.startedAt()).isAfterOrEqualTo(requested.minusMillis(1));
      assertThat(glitch.endedAt()).isAfterOrEqualTo(glitch.startedAt());
      assertThat(workload.injections()).containsExactly(glitch);
      assertThat(heard).containsExactly(glitch);
      assertThat(workload.stats().committedOf("anomaly_price_glitch")).isEqualTo(1);
    }
  }

  @Test
  void runawayDeleteRemovesTheConfiguredShareOfOrdersWithTheirChildrenInBatches() throws Exception {
    DataSource db = pg.newDatabase("runaway_delete");
    try (ShopWorkload workload =
        ShopWorkload.create(db, quickAnomalies().seed(6).runawayDeleteFraction(0.6).build())) {
      workload.runSteps(1_200);
      long ordersBefore = queryLong(db, "SELECT count(*) FROM shop.orders");
      long linesBefore = queryLong(db, "SELECT count(*) FROM shop.order_lines");
      long oldestSurvivorBefore = queryLong(db, "SELECT min(order_id) FROM shop.orders");

      AnomalyInjection delete = workload.inject(Anomaly.RUNAWAY_DELETE).get(20, TimeUnit.SECONDS);

      long ordersAfter = queryLong(db, "SELECT count(*) FROM shop.orders");
      long linesAfter = queryLong(db, "SELECT count(*) FROM shop.order_lines");
      long paymentsAfter = queryLong(db, "SELECT count(*) FROM shop.payments");
      assertThat(ordersBefore).isGreaterThan(300);
      assertThat(ordersAfter).isEqualTo(ordersBefore - (long) Math.ceil(ordersBefore * 0.6));
      assertThat((double) ordersAfter / ordersBefore).isLessThanOrEqualTo(0.4);
      assertThat(linesAfter).isLessThan(linesBefore);
      assertThat(paymentsAfter).isEqualTo(ordersAfter);
      assertThat(delete.rowsAffected())
          .isEqualTo((ordersBefore - ordersAfter) * 2 + (linesBefore - linesAfter));
      // the oldest went first
      assertThat(queryLong(db, "SELECT min(order_id) FROM shop.orders"))
          .isGreaterThan(oldestSurvivorBefore);
      // spread over several transactions and a measurable time, as a runaway job is
      assertThat(workload.stats().committedOf("anomaly_runaway_delete")).isGreaterThan(3);
      assertThat(delete.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(500));
      assertThat(delete.detail()).contains("orders=" + (ordersBefore - ordersAfter));
      ShopConsistencyTest.assertInvariants(db);
    }
  }

  @Test
  void stockDrainDrivesOneCategoryToZeroInSteps() throws Exception {
    DataSource db = pg.newDatabase("stock_drain");
    try (ShopWorkload workload = ShopWorkload.create(db, quickAnomalies().seed(8).build())) {
      workload.runSteps(200);
      assertThat(queryLong(db, "SELECT count(*) FROM shop.products WHERE stock_level = 0"))
          .isZero();

      AnomalyInjection drain = workload.inject(Anomaly.STOCK_DRAIN).get(10, TimeUnit.SECONDS);

      String category = drain.detail().replaceAll(".*category=(\\w+).*", "$1");
      long inCategory =
          queryLong(db, "SELECT count(*) FROM shop.products WHERE category = '" + category + "'");
      assertThat(inCategory).isPositive();
      assertThat(drain.rowsAffected()).isEqualTo(inCategory);
      assertThat(
              queryLong(
                  db,
                  "SELECT count(*) FROM shop.products WHERE category = '"
                      + category
                      + "' AND stock_level = 0"))
          .isEqualTo(inCategory);
      assertThat(queryLong(db, "SELECT count(*) FROM shop.products WHERE stock_level = 0"))
          .isEqualTo(inCategory);
      assertThat(workload.stats().committedOf("anomaly_stock_drain")).isEqualTo(4);
      assertThat(drain.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(500));

      // afterwards the shop keeps trading; nothing ever goes below the floor
      workload.runSteps(300);
      assertThat(queryLong(db, "SELECT min(stock_level) FROM shop.products")).isZero();
    }
  }

  @Test
  void orderSpikeMultipliesTheOrderRateForItsDuration() throws Exception {
    DataSource db = pg.newDatabase("order_spike");
    WorkloadConfig config =
        quickAnomalies()
            .seed(9)
            .baseRatePerSecond(20)
            .peakToTroughRatio(1)
            .burstProbability(0)
            .build();
    try (ShopWorkload workload = ShopWorkload.create(db, config)) {
      workload.start();
      Thread.sleep(500);
      long ordersAtStart = workload.stats().committedOf("place_order");
      long baselineStart = System.nanoTime();
      Thread.sleep(4_000);
      double baselineSeconds = (System.nanoTime() - baselineStart) / 1e9;
      double baselineRate =
          (workload.stats().committedOf("place_order") - ordersAtStart) / baselineSeconds;

      AnomalyInjection spike = workload.inject(Anomaly.ORDER_SPIKE).get(20, TimeUnit.SECONDS);
      workload.stop();

      double spikeSeconds = spike.duration().toNanos() / 1e9;
      double extraRate = spike.rowsAffected() / spikeSeconds;
      assertThat(spikeSeconds).isBetween(2.9, 4.0);
      // expected: 9 × the everyday order rate on top of it; asserted loosely against noise
      assertThat(baselineRate).isBetween(2.0, 15.0);
      assertThat(extraRate).isGreaterThan(5 * baselineRate);
      assertThat(spike.completed()).isTrue();
      assertThat(workload.stats().failedByCause()).as("failed transactions by cause").isEmpty();
    }
  }

  @Test
  void injectionsAreNumberedAndListedInOrder() throws Exception {
    DataSource db = pg.newDatabase("many_injections");
    try (ShopWorkload workload = ShopWorkload.create(db, quickAnomalies().seed(10).build())) {
      workload.runSteps(100);
      workload.inject(Anomaly.PRICE_GLITCH).get(10, TimeUnit.SECONDS);
      workload.inject(Anomaly.STOCK_DRAIN).get(10, TimeUnit.SECONDS);
      workload.inject(Anomaly.PRICE_GLITCH).get(10, TimeUnit.SECONDS);
      assertThat(workload.injections())
          .extracting(AnomalyInjection::sequence, AnomalyInjection::anomaly)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(1L, Anomaly.PRICE_GLITCH),
              org.assertj.core.groups.Tuple.tuple(2L, Anomaly.STOCK_DRAIN),
              org.assertj.core.groups.Tuple.tuple(3L, Anomaly.PRICE_GLITCH));
      assertThat(workload.injections().get(0).logLine())
          .startsWith("anomaly PRICE_GLITCH #1 ")
          .contains("rows=");
    }
  }

  private static Map<Long, BigDecimal> prices(DataSource db) throws Exception {
    Map<Long, BigDecimal> prices = new HashMap<>();
    try (Connection c = db.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT product_id, price FROM shop.products")) {
      while (rs.next()) {
        prices.put(rs.getLong(1), rs.getBigDecimal(2));
      }
    }
    return prices;
  }
}

package io.chronoshadow.devstack.workload;

import static io.chronoshadow.devstack.workload.PostgresFixture.queryLong;
import static org.assertj.core.api.Assertions.assertThat;

import io.chronoshadow.devstack.workload.ShopOperations.LineRequest;
import io.chronoshadow.devstack.workload.ShopOperations.PlaceOrder;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ShopConsistencyTest {

  static PostgresFixture pg;

  @BeforeAll
  static void startPostgres() {
    pg = PostgresFixture.start();
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    pg.close();
  }

  @Test
  void schemaIsIdempotentKeyedEverywhereAndFullyIdentifiedForCapture() throws Exception {
    DataSource db = pg.newDatabase("schema_check");
    try (Connection c = db.getConnection()) {
      ShopSchema.create(c);
      ShopSchema.create(c);
      assertThat(ShopSchema.createAndSeed(c, WorkloadConfig.defaults())).isTrue();
      assertThat(ShopSchema.createAndSeed(c, WorkloadConfig.defaults())).isFalse();
    }
    assertThat(queryLong(db, "SELECT count(*) FROM shop.customers")).isEqualTo(200);
    assertThat(queryLong(db, "SELECT count(*) FROM shop.products")).isEqualTo(100);
    assertThat(
            queryLong(
                db,
                "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE n.nspname = 'shop' AND c.relkind = 'r' AND c.relreplident = 'f'"))
        .isEqualTo(5);
    for (ShopTable table : ShopSchema.TABLES) {
      String keyColumns =
          "SELECT string_agg(a.attname, ',' ORDER BY array_position(i.indkey, a.attnum))"
              + " FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid"
              + " AND a.attnum = ANY (i.indkey) WHERE i.indisprimary AND i.indrelid = '"
              + table.qualifiedName()
              + "'::regclass";
      try (Connection c = db.getConnection();
          var s = c.createStatement();
          var rs = s.executeQuery(keyColumns)) {
        rs.next();
        assertThat(rs.getString(1))
            .as(table.name())
            .isEqualTo(String.join(",", table.primaryKey()));
      }
    }
    assertThat(
            queryLong(
                db,
                "SELECT count(*) FROM pg_constraint WHERE contype = 'f'"
                    + " AND connamespace = 'shop'::regnamespace"))
        .as("orders→customers, order_lines→orders, order_lines→products, payments→orders")
        .isEqualTo(4);
  }

  @Test
  void aFailingOrderLeavesNoTraceIncludingItsStockUpdates() throws Exception {
    DataSource db = pg.newDatabase("atomicity");
    try (ShopWorkload workload = ShopWorkload.create(db, WorkloadConfig.defaults())) {
      workload.runSteps(20);
    }
    long existingOrder = queryLong(db, "SELECT min(order_id) FROM shop.orders");
    long liveCustomer = queryLong(db, "SELECT min(customer_id) FROM shop.customers");
    var before = TableDump.of(db);
    WorkloadCounters counters = new WorkloadCounters();
    try (SessionConnection session =
        new SessionConnection(db::getConnection, "atomicity", Duration.ofSeconds(5))) {
      TransactionRunner runner = new TransactionRunner(session, counters, 3);
      // stock is taken first; the order insert then fails on the duplicate primary key
      PlaceOrder doomed =
          new PlaceOrder(
              existingOrder,
              999_999,
              liveCustomer,
              List.of(new LineRequest(1, 1), new LineRequest(2, 1)),
              "card",
              Instant.parse("2026-01-01T00:00:00Z"));
      assertThat(runner.run(doomed).outcome()).isEqualTo(TransactionRunner.Outcome.FAILED);
      assertThat(counters.snapshot().failed()).isEqualTo(1);
      // an order for a customer who no longer exists is simply not placed
      PlaceOrder orphan =
          new PlaceOrder(
              999_999,
              999_999,
              999_999,
              List.of(new LineRequest(1, 1)),
              "card",
              Instant.parse("2026-01-01T00:00:00Z"));
      assertThat(runner.run(orphan).outcome()).isEqualTo(TransactionRunner.Outcome.NO_CHANGE);
    }
    assertThat(TableDump.of(db)).isEqualTo(before);
  }

  @Test
  void invariantsHoldAfterConcurrentTrafficSpikesAndDeletes() throws Exception {
    DataSource db = pg.newDatabase("invariants");
    WorkloadConfig config =
        WorkloadConfig.builder()
            .seed(3)
            .baseRatePerSecond(150)
            .peakToTroughRatio(1)
            .burstProbability(0)
            .orderSpikeDuration(Duration.ofSeconds(2))
            .runawayDeleteFraction(0.3)
            .runawayDeleteBatchSize(20)
            .runawayDeleteDuration(Duration.ofSeconds(1))
            .stockDrainDuration(Duration.ofMillis(300))
            .build();
    try (ShopWorkload workload = ShopWorkload.create(db, config)) {
      workload.runSteps(1_000);
      workload.start();
      CompletableFuture<AnomalyInjection> spike = workload.inject(Anomaly.ORDER_SPIKE);
      CompletableFuture<AnomalyInjection> delete = workload.inject(Anomaly.RUNAWAY_DELETE);
      CompletableFuture<AnomalyInjection> drain = workload.inject(Anomaly.STOCK_DRAIN);
      CompletableFuture.allOf(spike, delete, drain).get(30, TimeUnit.SECONDS);
      workload.stop();
      WorkloadStats stats = workload.stats();
      assertThat(stats.failedByCause()).as("failed transactions by cause").isEmpty();
      assertThat(stats.committedOf("anomaly_runaway_delete")).isPositive();
      assertThat(spike.get().rowsAffected()).isPositive();
    }
    assertInvariants(db);
  }

  static void assertInvariants(DataSource db) throws Exception {
    assertThat(
            queryLong(
                db,
                "SELECT count(*) FROM shop.orders o WHERE o.total <> (SELECT coalesce(sum(l.line_total), 0)"
                    + " FROM shop.order_lines l WHERE l.order_id = o.order_id)"))
        .as("orders whose total is not the sum of their lines")
        .isZero();
    assertThat(
            queryLong(
                db,
                "SELECT count(*) FROM shop.order_lines WHERE line_total <> unit_price * quantity"))
        .as("lines whose total is not price × quantity")
        .isZero();
    assertThat(
            queryLong(
                db,
                "SELECT count(*) FROM (SELECT order_id FROM shop.order_lines GROUP BY order_id"
                    + " HAVING count(*) <> max(line_no)) gaps"))
        .as("orders with gaps in their line numbers")
        .isZero();
    assertThat(
            queryLong(
                db,
                "SELECT count(*) FROM shop.orders o WHERE NOT EXISTS (SELECT 1 FROM shop.order_lines l"
                    + " WHERE l.order_id = o.order_id)"))
        .as("orders without lines")
        .isZero();
    assertThat(
            queryLong(
                db,
                "SELECT count(*) FROM shop.orders o LEFT JOIN shop.payments p USING (order_id)"
                    + " WHERE p.payment_id IS NULL OR p.amount <> o.total"))
        .as("orders without a payment of their total")
        .isZero();
    assertThat(
            queryLong(
                db,
                "SELECT count(*) FROM shop.orders o JOIN shop.payments p USING (order_id) WHERE"
                    + " NOT ((o.status = 'PENDING' AND p.status = 'AUTHORIZED')"
                    + " OR (o.status IN ('PAID', 'SHIPPED', 'DELIVERED') AND p.status = 'CAPTURED')"
                    + " OR (o.status = 'CANCELLED' AND p.status IN ('VOIDED', 'REFUNDED')))"))
        .as("orders whose payment status contradicts theirs")
        .isZero();
    assertThat(queryLong(db, "SELECT count(*) FROM shop.products WHERE stock_level < 0"))
        .as("negative stock")
        .isZero();
    assertThat(
            queryLong(
                db,
                "SELECT (SELECT count(*) FROM shop.order_lines l LEFT JOIN shop.orders o USING"
                    + " (order_id) WHERE o.order_id IS NULL)"
                    + " + (SELECT count(*) FROM shop.order_lines l LEFT JOIN shop.products p USING"
                    + " (product_id) WHERE p.product_id IS NULL)"
                    + " + (SELECT count(*) FROM shop.orders o WHERE o.customer_id IS NOT NULL AND"
                    + " NOT EXISTS (SELECT 1 FROM shop.customers c WHERE c.customer_id ="
                    + " o.customer_id))"))
        .as("dangling references")
        .isZero();
  }

  @Test
  void invariantsHoldAfterAPlainRun() throws Exception {
    DataSource db = pg.newDatabase("plain_run");
    try (ShopWorkload workload =
        ShopWorkload.create(db, WorkloadConfig.builder().seed(11).build())) {
      workload.runSteps(2_000);
    }
    assertInvariants(db);
    assertThat(queryLong(db, "SELECT count(*) FROM shop.orders WHERE customer_id IS NULL"))
        .as("orders of deleted customers are kept, detached")
        .isPositive();
  }
}

package io.chronoshadow.devstack.workload;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The transactions the anomalies are made of. */
final class AnomalyOperations {

  private AnomalyOperations() {}

  /**
   * Multiplies the prices of the given products by {@code factor} in one statement. Products whose
   * glitched price would not fit the column (or would round to zero) are left alone rather than
   * failing the whole batch.
   */
  record GlitchPrices(List<Long> productIds, BigDecimal factor, Instant at)
      implements ShopOperation {

    GlitchPrices {
      productIds = List.copyOf(productIds);
    }

    @Override
    public String name() {
      return "anomaly_price_glitch";
    }

    @Override
    public int execute(Connection c) throws SQLException {
      // Rows are locked in id order, the order every other multi-product transaction uses, so
      // this cannot deadlock with orders or drains running at the same time.
      return Sql.update(
          c,
          "WITH locked AS (SELECT product_id FROM shop.products WHERE product_id = ANY (?)"
              + " ORDER BY product_id FOR UPDATE)"
              + " UPDATE shop.products p SET price = round(p.price * ?, 2), updated_at = ?"
              + " FROM locked WHERE p.product_id = locked.product_id"
              + " AND round(p.price * ?, 2) BETWEEN 0.01 AND 99999999.99",
          productIds,
          factor,
          at,
          factor);
    }
  }

  /**
   * One step of a stock drain: removes 1/remainingSteps of each product's stock in the category
   * (rounded up), and on the last step sets every product of the category to zero.
   */
  record DrainStock(String category, int remainingSteps, Instant at) implements ShopOperation {
    @Override
    public String name() {
      return "anomaly_stock_drain";
    }

    @Override
    public int execute(Connection c) throws SQLException {
      // Locks in id order first, like every other multi-product transaction (no deadlocks).
      String newLevel =
          remainingSteps <= 1
              ? "0"
              : "p.stock_level - (p.stock_level + " + remainingSteps + " - 1) / " + remainingSteps;
      String sql =
          "WITH locked AS (SELECT product_id FROM shop.products WHERE category = ?"
              + (remainingSteps <= 1 ? "" : " AND stock_level > 0")
              + " ORDER BY product_id FOR UPDATE)"
              + " UPDATE shop.products p SET stock_level = "
              + newLevel
              + ", updated_at = ? FROM locked WHERE p.product_id = locked.product_id";
      return Sql.update(c, sql, category, at);
    }
  }

  /**
   * One batch of the runaway cleanup: deletes the oldest orders with their lines and payments,
   * children first as a hand-written job would. Rows locked by the live workload are skipped
   * instead of waited for. Remembers the per-table counts of its last execution; the caller reads
   * them only after a successful commit.
   */
  static final class DeleteOldestOrders implements ShopOperation {
    private final int batchSize;
    private int orders;
    private int lines;
    private int payments;

    DeleteOldestOrders(int batchSize) {
      this.batchSize = batchSize;
    }

    @Override
    public String name() {
      return "anomaly_runaway_delete";
    }

    @Override
    public int execute(Connection c) throws SQLException {
      orders = 0;
      lines = 0;
      payments = 0;
      List<Long> victims = new ArrayList<>();
      try (PreparedStatement pick =
          c.prepareStatement(
              "SELECT order_id FROM shop.orders ORDER BY order_id LIMIT ? FOR UPDATE SKIP"
                  + " LOCKED")) {
        pick.setInt(1, batchSize);
        try (ResultSet rs = pick.executeQuery()) {
          while (rs.next()) {
            victims.add(rs.getLong(1));
          }
        }
      }
      if (victims.isEmpty()) {
        return 0;
      }
      lines = deleteWhereOrderIn(c, "shop.order_lines", victims);
      payments = deleteWhereOrderIn(c, "shop.payments", victims);
      orders = deleteWhereOrderIn(c, "shop.orders", victims);
      return orders + lines + payments;
    }

    private static int deleteWhereOrderIn(Connection c, String table, List<Long> orderIds)
        throws SQLException {
      return Sql.update(c, "DELETE FROM " + table + " WHERE order_id = ANY (?)", orderIds);
    }

    int ordersDeleted() {
      return orders;
    }

    int linesDeleted() {
      return lines;
    }

    int paymentsDeleted() {
      return payments;
    }
  }
}

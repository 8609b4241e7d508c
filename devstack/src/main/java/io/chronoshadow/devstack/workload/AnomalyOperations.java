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
      return Sql.update(
          c,
          "UPDATE shop.products SET price = round(price * ?, 2), updated_at = ?"
              + " WHERE product_id = ANY (?) AND round(price * ?, 2) BETWEEN 0.01 AND"
              + " 99999999.99",
          factor,
          at,
          productIds,
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
      String sql =
          remainingSteps <= 1
              ? "UPDATE shop.products SET stock_level = 0, updated_at = ? WHERE category = ?"
              : "UPDATE shop.products SET stock_level = stock_level - (stock_level + "
                  + remainingSteps
                  + " - 1) / "
                  + remainingSteps
                  + ", updated_at = ? WHERE category = ? AND stock_level > 0";
      return Sql.update(c, sql, at, category);
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

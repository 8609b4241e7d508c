package io.chronoshadow.devstack.workload;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The shop's everyday transactions. Each is conditional on the current state (an order is only paid
 * while pending, stock is only taken if there is enough), so that a step planned for a state that
 * no longer holds is a harmless no-op rather than an error.
 */
final class ShopOperations {

  private ShopOperations() {}

  /** A product and quantity requested by an order, before stock is checked. */
  record LineRequest(long productId, int quantity) {}

  /**
   * Places an order in one transaction: takes stock for each line that can be served (products are
   * locked in id order, so concurrent orders cannot deadlock each other), inserts the order, its
   * lines and an authorized payment. Lines without enough stock are dropped; an order with no
   * servable line is not placed, nor is one whose customer has meanwhile been deleted.
   */
  record PlaceOrder(
      long orderId,
      long paymentId,
      long customerId,
      List<LineRequest> lines,
      String paymentMethod,
      Instant at)
      implements ShopOperation {

    PlaceOrder {
      lines = List.copyOf(lines);
    }

    @Override
    public String name() {
      return "place_order";
    }

    @Override
    public int execute(Connection c) throws SQLException {
      // Lock the customer first: a concurrent account deletion then either waits for this order
      // or has already happened, and the order becomes a no-op instead of a foreign-key error.
      try (PreparedStatement customer =
          c.prepareStatement("SELECT 1 FROM shop.customers WHERE customer_id = ? FOR KEY SHARE")) {
        customer.setLong(1, customerId);
        try (ResultSet rs = customer.executeQuery()) {
          if (!rs.next()) {
            return 0;
          }
        }
      }
      List<BigDecimal> prices = new ArrayList<>();
      List<LineRequest> served = new ArrayList<>();
      try (PreparedStatement take =
          c.prepareStatement(
              "UPDATE shop.products SET stock_level = stock_level - ?, updated_at = ?"
                  + " WHERE product_id = ? AND is_active AND stock_level >= ? RETURNING price")) {
        for (LineRequest line : lines) {
          take.setInt(1, line.quantity());
          Sql.setInstant(take, 2, at);
          take.setLong(3, line.productId());
          take.setInt(4, line.quantity());
          try (ResultSet rs = take.executeQuery()) {
            if (rs.next()) {
              served.add(line);
              prices.add(rs.getBigDecimal(1));
            }
          }
        }
      }
      if (served.isEmpty()) {
        return 0;
      }
      BigDecimal total = BigDecimal.ZERO.setScale(2);
      List<BigDecimal> lineTotals = new ArrayList<>();
      for (int i = 0; i < served.size(); i++) {
        BigDecimal lineTotal =
            prices
                .get(i)
                .multiply(BigDecimal.valueOf(served.get(i).quantity()))
                .setScale(2, RoundingMode.UNNECESSARY);
        lineTotals.add(lineTotal);
        total = total.add(lineTotal);
      }
      Sql.update(
          c,
          "INSERT INTO shop.orders (order_id, customer_id, status, total, placed_at,"
              + " updated_at) VALUES (?, ?, 'PENDING', ?, ?, ?)",
          orderId,
          customerId,
          total,
          at,
          at);
      try (PreparedStatement line =
          c.prepareStatement(
              "INSERT INTO shop.order_lines (order_id, line_no, product_id, quantity, unit_price,"
                  + " line_total) VALUES (?, ?, ?, ?, ?, ?)")) {
        for (int i = 0; i < served.size(); i++) {
          line.setLong(1, orderId);
          line.setInt(2, i + 1);
          line.setLong(3, served.get(i).productId());
          line.setInt(4, served.get(i).quantity());
          line.setBigDecimal(5, prices.get(i));
          line.setBigDecimal(6, lineTotals.get(i));
          line.addBatch();
        }
        line.executeBatch();
      }
      Sql.update(
          c,
          "INSERT INTO shop.payments (payment_id, order_id, method, status, amount,"
              + " authorized_at) VALUES (?, ?, ?, 'AUTHORIZED', ?, ?)",
          paymentId,
          orderId,
          paymentMethod,
          total,
          at);
      // stock updates + order + lines + payment
      return served.size() * 2 + 2;
    }
  }

  /** Pending → paid: captures the payment and credits the customer's loyalty points. */
  record PayOrder(long orderId, Instant at) implements ShopOperation {
    @Override
    public String name() {
      return "pay_order";
    }

    @Override
    public int execute(Connection c) throws SQLException {
      long customerId;
      BigDecimal total;
      try (PreparedStatement order =
          c.prepareStatement(
              "UPDATE shop.orders SET status = 'PAID', updated_at = ?"
                  + " WHERE order_id = ? AND status = 'PENDING' RETURNING customer_id, total")) {
        Sql.setInstant(order, 1, at);
        order.setLong(2, orderId);
        try (ResultSet rs = order.executeQuery()) {
          if (!rs.next()) {
            return 0;
          }
          customerId = rs.getLong(1);
          if (rs.wasNull()) {
            customerId = 0;
          }
          total = rs.getBigDecimal(2);
        }
      }
      int rows = 1;
      rows +=
          Sql.update(
              c,
              "UPDATE shop.payments SET status = 'CAPTURED', captured_at = ?"
                  + " WHERE order_id = ? AND status = 'AUTHORIZED'",
              at,
              orderId);
      if (customerId != 0) {
        rows +=
            Sql.update(
                c,
                "UPDATE shop.customers SET loyalty_points = loyalty_points + ?, updated_at = ?"
                    + " WHERE customer_id = ?",
                total.intValue(),
                at,
                customerId);
      }
      return rows;
    }
  }

  /** A plain status transition (paid → shipped, shipped → delivered). */
  record AdvanceOrder(long orderId, String fromStatus, String toStatus, Instant at)
      implements ShopOperation {
    @Override
    public String name() {
      return "order_" + toStatus.toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public int execute(Connection c) throws SQLException {
      return Sql.update(
          c,
          "UPDATE shop.orders SET status = ?, updated_at = ? WHERE order_id = ? AND status ="
              + " ?",
          toStatus,
          at,
          orderId,
          fromStatus);
    }
  }

  /**
   * Cancels a pending or paid order: puts its stock back, voids an authorized payment or refunds a
   * captured one.
   */
  record CancelOrder(long orderId, Instant at) implements ShopOperation {
    @Override
    public String name() {
      return "cancel_order";
    }

    @Override
    public int execute(Connection c) throws SQLException {
      int rows;
      rows =
          Sql.update(
              c,
              "UPDATE shop.orders SET status = 'CANCELLED', updated_at = ?"
                  + " WHERE order_id = ? AND status IN ('PENDING', 'PAID')",
              at,
              orderId);
      if (rows == 0) {
        return 0;
      }
      rows +=
          Sql.update(
              c,
              "UPDATE shop.products p SET stock_level = p.stock_level + l.quantity, updated_at = ?"
                  + " FROM shop.order_lines l WHERE l.order_id = ? AND l.product_id ="
                  + " p.product_id",
              at,
              orderId);
      rows +=
          Sql.update(
              c,
              "UPDATE shop.payments SET status = CASE status WHEN 'CAPTURED' THEN 'REFUNDED'"
                  + " ELSE 'VOIDED' END WHERE order_id = ? AND status IN ('AUTHORIZED',"
                  + " 'CAPTURED')",
              orderId);
      return rows;
    }
  }

  /** A delivery from a supplier for one product. */
  record RestockProduct(long productId, int quantity, Instant at) implements ShopOperation {
    @Override
    public String name() {
      return "restock";
    }

    @Override
    public int execute(Connection c) throws SQLException {
      return Sql.update(
          c,
          "UPDATE shop.products SET stock_level = stock_level + ?, updated_at = ?"
              + " WHERE product_id = ?",
          quantity,
          at,
          productId);
    }
  }

  /** The replenishment job: restocks whichever active product is lowest (ties by id). */
  record RestockLowestStock(int quantity, Instant at) implements ShopOperation {
    @Override
    public String name() {
      return "restock_lowest";
    }

    @Override
    public int execute(Connection c) throws SQLException {
      return Sql.update(
          c,
          "UPDATE shop.products SET stock_level = stock_level + ?, updated_at = ?"
              + " WHERE product_id = (SELECT product_id FROM shop.products WHERE is_active"
              + " ORDER BY stock_level, product_id LIMIT 1)",
          quantity,
          at);
    }
  }

  /**
   * Reprices one product by an exact decimal factor; numeric arithmetic keeps this reproducible.
   * Clamped so that a product once glitched cannot overflow the column through later changes.
   */
  record ChangePrice(long productId, BigDecimal factor, Instant at) implements ShopOperation {
    @Override
    public String name() {
      return "change_price";
    }

    @Override
    public int execute(Connection c) throws SQLException {
      return Sql.update(
          c,
          "UPDATE shop.products SET price = LEAST(99999.99, GREATEST(0.01, round(price * ?,"
              + " 2))), updated_at = ? WHERE product_id = ?",
          factor,
          at,
          productId);
    }
  }

  record RegisterCustomer(
      long customerId,
      String email,
      String fullName,
      String countryCode,
      LocalDate birthDate,
      Instant at)
      implements ShopOperation {
    @Override
    public String name() {
      return "register_customer";
    }

    @Override
    public int execute(Connection c) throws SQLException {
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO shop.customers (customer_id, email, full_name, country_code,"
                  + " birth_date, is_active, loyalty_points, created_at, updated_at)"
                  + " VALUES (?, ?, ?, ?, ?, true, 0, ?, ?)")) {
        s.setLong(1, customerId);
        s.setString(2, email);
        s.setString(3, fullName);
        s.setString(4, countryCode);
        if (birthDate == null) {
          s.setNull(5, Types.DATE);
        } else {
          s.setDate(5, Date.valueOf(birthDate));
        }
        Sql.setInstant(s, 6, at);
        Sql.setInstant(s, 7, at);
        return s.executeUpdate();
      }
    }
  }

  /** A profile edit: new e-mail address and country, account (de)activated. */
  record UpdateCustomer(
      long customerId, String email, String countryCode, boolean active, Instant at)
      implements ShopOperation {
    @Override
    public String name() {
      return "update_customer";
    }

    @Override
    public int execute(Connection c) throws SQLException {
      return Sql.update(
          c,
          "UPDATE shop.customers SET email = ?, country_code = ?, is_active = ?, updated_at ="
              + " ? WHERE customer_id = ?",
          email,
          countryCode,
          active,
          at,
          customerId);
    }
  }

  /**
   * Account deletion. The foreign key sets their orders' customer_id to NULL, so the capture sees a
   * cascaded update on orders inside the same transaction as the delete.
   */
  record DeleteCustomer(long customerId) implements ShopOperation {
    @Override
    public String name() {
      return "delete_customer";
    }

    @Override
    public int execute(Connection c) throws SQLException {
      return Sql.update(c, "DELETE FROM shop.customers WHERE customer_id = ?", customerId);
    }
  }
}

package io.chronoshadow.devstack.workload;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/** Fills an empty shop with customers and products that depend only on the seed. */
final class ShopSeeder {

  private static final long CUSTOMER_STREAM = 0x43555354L;
  private static final long PRODUCT_STREAM = 0x50524f44L;

  private final long seed;
  private final Instant epoch;

  ShopSeeder(long seed, Instant epoch) {
    this.seed = seed;
    this.epoch = epoch;
  }

  /** Seeds in one transaction unless customers or products exist already. */
  boolean seedIfEmpty(Connection connection, int customers, int products) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      if (!isEmpty(connection)) {
        connection.rollback();
        return false;
      }
      insertCustomers(connection, customers);
      insertProducts(connection, products);
      connection.commit();
      return true;
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  private static boolean isEmpty(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT (SELECT count(*) FROM shop.customers) + (SELECT count(*) FROM"
                    + " shop.products)")) {
      rs.next();
      return rs.getLong(1) == 0;
    }
  }

  private void insertCustomers(Connection connection, int count) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO shop.customers (customer_id, email, full_name, country_code, birth_date,"
                + " is_active, loyalty_points, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (long id = 1; id <= count; id++) {
        DeterministicRandom random = DeterministicRandom.forCoordinates(seed, CUSTOMER_STREAM, id);
        String name = ShopVocabulary.fullName(random);
        // signed up over the year before the epoch, older ids earlier
        Timestamp created =
            Timestamp.from(epoch.minus(Duration.ofMinutes((count - id + 1) * 525_600L / count)));
        insert.setLong(1, id);
        insert.setString(2, ShopVocabulary.email(name, id, "example.com"));
        insert.setString(3, name);
        insert.setString(4, ShopVocabulary.pick(random, ShopVocabulary.COUNTRIES));
        insert.setDate(5, Date.valueOf(ShopVocabulary.birthDate(random)));
        insert.setBoolean(6, !random.chance(0.05));
        insert.setInt(7, random.nextInt(500));
        insert.setTimestamp(8, created);
        insert.setTimestamp(9, created);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private void insertProducts(Connection connection, int count) throws SQLException {
    Timestamp created = Timestamp.from(epoch.minus(Duration.ofDays(30)));
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO shop.products (product_id, sku, name, category, price, stock_level,"
                + " is_active, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (long id = 1; id <= count; id++) {
        DeterministicRandom random = DeterministicRandom.forCoordinates(seed, PRODUCT_STREAM, id);
        insert.setLong(1, id);
        insert.setString(2, String.format("SKU-%06d", id));
        insert.setString(
            3,
            ShopVocabulary.pick(random, ShopVocabulary.ADJECTIVES)
                + " "
                + ShopVocabulary.pick(random, ShopVocabulary.NOUNS));
        insert.setString(4, ShopVocabulary.pick(random, ShopVocabulary.CATEGORIES));
        insert.setBigDecimal(5, seedPrice(random));
        insert.setInt(6, random.nextInt(50, 500));
        insert.setBoolean(7, !random.chance(0.03));
        insert.setTimestamp(8, created);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /** Log-uniform between 1.00 and 500.00: many cheap items, a few expensive ones. */
  private static BigDecimal seedPrice(DeterministicRandom random) {
    long cents = Math.round(100.0 * StrictMath.exp(random.nextDouble() * StrictMath.log(500.0)));
    return BigDecimal.valueOf(cents, 2);
  }
}

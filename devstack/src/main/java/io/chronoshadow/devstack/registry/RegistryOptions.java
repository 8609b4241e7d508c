package io.chronoshadow.devstack.registry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to launch the registry child process. Start from {@link #defaults(Path)} and adjust with the
 * {@code with…} methods.
 *
 * @param dataDir where the process runs and writes its log ({@code registry.log}); the registry
 *     itself keeps its data in memory
 * @param port HTTP port on 127.0.0.1; 0 picks a free one
 * @param maxHeap the child's {@code -Xmx} value, e.g. {@code 256m}
 * @param jar the runnable jar; empty means {@link RegistryJar#locate()}
 * @param readyTimeout how long to wait for the health check to answer UP
 * @param stopTimeout how long {@code close()} waits after SIGTERM before killing
 * @param classDataSharing reuse (and create on first run) a class-data archive next to the jar; it
 *     roughly halves start-up time
 * @param extraJvmArgs appended after our own JVM options
 */
public record RegistryOptions(
    Path dataDir,
    int port,
    String maxHeap,
    Optional<Path> jar,
    Duration readyTimeout,
    Duration stopTimeout,
    boolean classDataSharing,
    List<String> extraJvmArgs) {

  public static final String DEFAULT_MAX_HEAP = "256m";
  public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(90);
  public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(10);

  public RegistryOptions {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(maxHeap, "maxHeap");
    Objects.requireNonNull(jar, "jar");
    Objects.requireNonNull(readyTimeout, "readyTimeout");
    Objects.requireNonNull(stopTimeout, "stopTimeout");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0 (any free port) or 1-65535, not " + port);
    }
    if (!maxHeap.matches("[0-9]+[kKmMgG]?")) {
      throw new IllegalArgumentException(
          "maxHeap must look like 256m or 1g, not '" + maxHeap + "'");
    }
    if (readyTimeout.isNegative() || readyTimeout.isZero()) {
      throw new IllegalArgumentException("readyTimeout must be positive");
    }
    extraJvmArgs = List.copyOf(extraJvmArgs);
  }

  /** A free port, a 256 MB heap, the jar found by {@link RegistryJar#locate()}. */
  public static RegistryOptions defaults(Path dataDir) {
    return new RegistryOptions(
        dataDir,
        0,
        DEFAULT_MAX_HEAP,
        Optional.empty(),
        DEFAULT_READY_TIMEOUT,
        DEFAULT_STOP_TIMEOUT,
        true,
        List.of());
  }

  public RegistryOptions withPort(int newPort) {
    return new RegistryOptions(
        dataDir, newPort, maxHeap, jar, readyTimeout, stopTimeout, classDataSharing, extraJvmArgs);
  }

  public RegistryOptions withMaxHeap(String newMaxHeap) {
    return new RegistryOptions(
        dataDir, port, newMaxHeap, jar, readyTimeout, stopTimeout, classDataSharing, extraJvmArgs);
  }

  public RegistryOptions withJar(Path newJar) {
    return new RegistryOptions(
        dataDir,
        port,
        maxHeap,
        Optional.of(newJar),
        readyTimeout,
        stopTimeout,
        classDataSharing,
        extraJvmArgs);
  }

  public RegistryOptions withReadyTimeout(Duration newReadyTimeout) {
    return new RegistryOptions(
        dataDir, port, maxHeap, jar, newReadyTimeout, stopTimeout, classDataSharing, extraJvmArgs);
  }

  public RegistryOptions withStopTimeout(Duration newStopTimeout) {
    return new RegistryOptions(
        dataDir, port, maxHeap, jar, readyTimeout, newStopTimeout, classDataSharing, extraJvmArgs);
  }

  public RegistryOptions withClassDataSharing(boolean enabled) {
    return new RegistryOptions(
        dataDir, port, maxHeap, jar, readyTimeout, stopTimeout, enabled, extraJvmArgs);
  }

  public RegistryOptions withExtraJvmArgs(List<String> args) {
    return new RegistryOptions(
        dataDir, port, maxHeap, jar, readyTimeout, stopTimeout, classDataSharing, args);
  }
}

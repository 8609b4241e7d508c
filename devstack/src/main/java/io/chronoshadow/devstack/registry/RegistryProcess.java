package io.chronoshadow.devstack.registry;

import io.chronoshadow.devstack.DevStackException;
import io.chronoshadow.devstack.DevStackPorts;
import io.chronoshadow.devstack.process.MarkedProcess;
import io.chronoshadow.devstack.process.ParentWatchdog;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apicurio Registry (in-memory storage, Confluent-compatible API at {@link #ccompatUrl()})
 * running as a child JVM on 127.0.0.1. It is a separate process, not a library, because it is a
 * Quarkus 2 application whose dependency versions clash with ours (Kafka, Jackson, Vert.x).
 *
 * <p>{@link #start} returns once the registry's readiness check answers UP; {@link #close} stops
 * it. So that no registry outlives the JVM that started it, a shutdown hook stops it on a normal
 * exit; when we are killed outright, a {@link ParentWatchdog} stops it at once, and the registry
 * itself watches our pid as well. Its pid is kept in {@value RegistryPidFile#FILE_NAME} so that the
 * next start on the same directory stops one that escaped all of these.
 */
public final class RegistryProcess implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RegistryProcess.class);

  public static final String LOG_FILE_NAME = "registry.log";
  public static final String CCOMPAT_PATH = "/apis/ccompat/v7";
  static final String READY_PATH = "/health/ready";
  static final String PARENT_PID_PROPERTY = "chrono.parent.pid";

  private static final int LOG_TAIL_LINES = 40;
  // A free port can be taken by someone else between our probe and the child's bind.
  private static final int START_ATTEMPTS = 3;
  private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
  private static final Duration POLL_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration KILL_TIMEOUT = Duration.ofSeconds(5);
  // Writing the class-data archive at exit takes a few seconds on top of a normal stop.
  private static final Duration ARCHIVE_WRITE_ALLOWANCE = Duration.ofSeconds(30);

  private final Process process;
  private final Path dataDir;
  private final ParentWatchdog watchdog;
  private final int port;
  private final Path logFile;
  private final Duration stopTimeout;
  private final ClassDataArchive archive;
  private final Thread shutdownHook;
  private boolean closed;

  private RegistryProcess(
      Process process,
      Path dataDir,
      ParentWatchdog watchdog,
      int port,
      Path logFile,
      Duration stopTimeout,
      ClassDataArchive archive) {
    this.process = process;
    this.dataDir = dataDir;
    this.watchdog = watchdog;
    this.port = port;
    this.logFile = logFile;
    this.stopTimeout = archive.creating() ? stopTimeout.plus(ARCHIVE_WRITE_ALLOWANCE) : stopTimeout;
    this.archive = archive;
    this.shutdownHook = new Thread(this::stopOnJvmExit, "registry-process-reaper");
  }

  /** Starts a registry with {@link RegistryOptions#defaults(Path) default options}. */
  public static RegistryProcess start(Path dataDir) {
    return start(RegistryOptions.defaults(dataDir));
  }

  /**
   * Starts the registry and waits until it is ready.
   *
   * @throws DevStackException when the jar is missing, the port is taken, or the registry dies or
   *     is not ready in time; the message then ends with the last lines of its log
   */
  public static RegistryProcess start(RegistryOptions options) {
    Path jar = options.jar().map(RegistryJar::existing).orElseGet(RegistryJar::locate);
    Path dataDir = options.dataDir().toAbsolutePath().normalize();
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new DevStackException(
          "cannot create registry data directory " + dataDir + ": " + e.getMessage(), e);
    }
    RegistryPidFile.stopOrphan(dataDir);
    if (options.port() != 0 && !DevStackPorts.isFree(options.port())) {
      throw new DevStackException(
          "cannot start the schema registry: port "
              + options.port()
              + " on "
              + DevStackPorts.HOST
              + " is in use; stop what listens there or choose port 0 (any free port)");
    }
    for (int attempt = 1; ; attempt++) {
      int port = options.port() == 0 ? DevStackPorts.freePort() : options.port();
      RegistryProcess registry = launch(options, jar, dataDir, port);
      try {
        registry.awaitReady(options.readyTimeout());
        return registry;
      } catch (RuntimeException e) {
        registry.closeAfterFailedStart();
        throw e;
      } catch (PortTakenException e) {
        if (options.port() != 0 || attempt == START_ATTEMPTS) {
          throw new DevStackException(e.getMessage());
        }
        LOG.info("Registry port {} was taken before it could bind; retrying on another", port);
      }
    }
  }

  /**
   * Stops a registry that a JVM which died (kill -9) left running on {@code dataDir}, found by its
   * pid file and checked by its command line; logs one line when it stops one.
   *
   * @throws DevStackException when that registry's JVM still runs
   */
  public static void stopOrphan(Path dataDir) {
    RegistryPidFile.stopOrphan(dataDir);
  }

  /** Base URL, e.g. {@code http://127.0.0.1:41234}. */
  public String url() {
    return "http://" + DevStackPorts.HOST + ":" + port;
  }

  /** Base URL of the Confluent Schema Registry compatible API. */
  public String ccompatUrl() {
    return url() + CCOMPAT_PATH;
  }

  public int port() {
    return port;
  }

  public Path logFile() {
    return logFile;
  }

  /** The child process, e.g. to check that it is gone after {@link #close()}. */
  public ProcessHandle processHandle() {
    return process.toHandle();
  }

  /** Stops the registry: SIGTERM, a grace period, then SIGKILL. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // The hook is running or about to; it stops the process itself.
    }
    long t0 = System.nanoTime();
    boolean graceful = stop(stopTimeout, true);
    LOG.info(
        "Schema registry on port {} stopped{} in {} ms (pid {})",
        port,
        graceful ? "" : " (killed)",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0),
        process.pid());
  }

  private static RegistryProcess launch(RegistryOptions options, Path jar, Path dataDir, int port) {
    Path logFile = dataDir.resolve(LOG_FILE_NAME);
    ClassDataArchive archive =
        options.classDataSharing() ? ClassDataArchive.forJar(jar) : ClassDataArchive.off();
    List<String> command = command(options, jar, port, archive);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dataDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()));
    Process process;
    try {
      process = builder.start();
      process.getOutputStream().close();
    } catch (IOException e) {
      throw new DevStackException(
          "cannot launch the schema registry ("
              + String.join(" ", command)
              + "): "
              + e.getMessage(),
          e);
    }
    ParentWatchdog watchdog;
    try {
      RegistryPidFile.write(dataDir, process.pid());
      watchdog =
          ParentWatchdog.start(
              "the schema registry",
              new MarkedProcess(process.pid(), RegistryPidFile.marker(dataDir)),
              "TERM",
              options.stopTimeout());
    } catch (RuntimeException e) {
      process.destroyForcibly();
      throw e;
    }
    RegistryProcess registry =
        new RegistryProcess(
            process, dataDir, watchdog, port, logFile, options.stopTimeout(), archive);
    Runtime.getRuntime().addShutdownHook(registry.shutdownHook);
    LOG.info(
        "Starting schema registry (Apicurio) on {}:{}, pid {}, heap {}, log {}",
        DevStackPorts.HOST,
        port,
        process.pid(),
        options.maxHeap(),
        logFile);
    return registry;
  }

  static List<String> command(
      RegistryOptions options, Path jar, int port, ClassDataArchive archive) {
    List<String> command = new ArrayList<>();
    command.add(javaBinary());
    command.add("-Xmx" + options.maxHeap());
    // One small registry serving a test or a laptop: the serial collector and the C1 compiler only
    // start fastest and keep the resident set smallest (measured: 2.9 s/240 MB -> 2.2 s/205 MB).
    command.add("-XX:+UseSerialGC");
    command.add("-XX:TieredStopAtLevel=1");
    command.addAll(archive.jvmArgs());
    command.addAll(options.extraJvmArgs());
    command.add("-Dquarkus.http.host=" + DevStackPorts.HOST);
    command.add("-Dquarkus.http.port=" + port);
    // Apicurio's "in-memory" storage is H2; pointing it at a file under the data directory keeps
    // schema ids stable across restarts, which every Avro record already written depends on.
    command.add("-Dquarkus.datasource.jdbc.url=" + storageUrl(options.dataDir()));
    // The registry exits by itself when we are gone, even after a SIGKILL that ran no shutdown hook
    // (registry-app's ParentProcessWatch).
    command.add("-D" + PARENT_PID_PROPERTY + "=" + ProcessHandle.current().pid());
    // Names the data directory in the command line: how the watchdog and the next start's orphan
    // check know that a pid still is this registry.
    command.add(RegistryPidFile.marker(options.dataDir()));
    command.add("-jar");
    command.add(jar.toString());
    return command;
  }

  static String storageUrl(Path dataDir) {
    Path file = dataDir.toAbsolutePath().normalize().resolve("storage").resolve("registry");
    return "jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE";
  }

  /** The {@code java} that runs us, so the registry gets the same JDK without configuration. */
  private static String javaBinary() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  private void awaitReady(Duration timeout) throws PortTakenException {
    long t0 = System.nanoTime();
    long deadline = t0 + timeout.toNanos();
    HttpClient http = HttpClient.newBuilder().connectTimeout(POLL_TIMEOUT).build();
    HttpRequest probe =
        HttpRequest.newBuilder(URI.create(url() + READY_PATH)).timeout(POLL_TIMEOUT).GET().build();
    while (true) {
      if (!process.isAlive()) {
        closeAfterFailedStart();
        String failure =
            "schema registry exited with code "
                + process.exitValue()
                + " before it was ready; last lines of "
                + logFile
                + ":"
                + LogTail.format(logFile, LOG_TAIL_LINES);
        if (portTaken()) {
          throw new PortTakenException(failure);
        }
        throw new DevStackException(failure);
      }
      if (isReady(http, probe)) {
        LOG.info(
            "Schema registry ready at {} in {} ms",
            url(),
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        return;
      }
      if (System.nanoTime() > deadline) {
        closeAfterFailedStart();
        throw new DevStackException(
            "schema registry not ready within "
                + timeout.toSeconds()
                + " s at "
                + url()
                + READY_PATH
                + "; stopped it; last lines of "
                + logFile
                + ":"
                + LogTail.format(logFile, LOG_TAIL_LINES));
      }
      sleep(POLL_INTERVAL);
    }
  }

  private static boolean isReady(HttpClient http, HttpRequest probe) {
    try {
      return http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException notListeningYet) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DevStackException("interrupted while waiting for the schema registry", e);
    }
  }

  private boolean portTaken() {
    return LogTail.of(logFile, LOG_TAIL_LINES).stream()
        .anyMatch(
            line -> line.contains("seems to be in use") || line.contains("Address already in use"));
  }

  private synchronized void closeAfterFailedStart() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // Nothing to undo.
    }
    // An archive written by a registry that never got ready lacks the classes that serving loads.
    stop(KILL_TIMEOUT, false);
  }

  /** SIGTERM, wait, then SIGKILL; true when the process exited by itself. */
  private boolean stop(Duration grace, boolean keepArchive) {
    process.destroy();
    boolean graceful = waitFor(grace);
    if (!graceful) {
      LOG.warn(
          "Schema registry (pid {}) did not stop within {} s; killing it",
          process.pid(),
          grace.toSeconds());
      process.destroyForcibly();
      if (!waitFor(KILL_TIMEOUT)) {
        LOG.error("Schema registry (pid {}) survived SIGKILL", process.pid());
      }
    }
    archive.exited(graceful && keepArchive);
    watchdog.close();
    RegistryPidFile.delete(dataDir);
    return graceful;
  }

  private void stopOnJvmExit() {
    if (process.isAlive()) {
      stop(KILL_TIMEOUT, false);
    }
  }

  private boolean waitFor(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DevStackException("interrupted while waiting for the schema registry", e);
    }
  }

  /** The child died because another process took its port first; worth another try. */
  private static final class PortTakenException extends Exception {
    PortTakenException(String message) {
      super(message);
    }
  }
}

package io.chronoshadow.shadow.app;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chronoshadow.devstack.DevStackPorts;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.cli.ConnectStandalone;

/**
 * A real Kafka Connect worker ({@link ConnectStandalone}) running one connector in a child JVM on
 * this JVM's class path (Connect finds the connector there through its service manifest). Offsets
 * live in a file under {@code workDir} and survive {@link #kill()}: a restarted worker resumes from
 * the last offsets it flushed, as a production worker would. Each run logs to its own file under
 * {@code logDir}.
 */
final class ConnectWorker implements AutoCloseable {

  static final Duration OFFSET_FLUSH = Duration.ofSeconds(10);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private final Path workDir;
  private final Path logDir;
  private final String bootstrapServers;
  private final PostgresConnectorConfig connector;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private Process process;
  private int restPort;
  private int runs;

  ConnectWorker(
      Path workDir, Path logDir, String bootstrapServers, PostgresConnectorConfig connector) {
    this.workDir = workDir;
    this.logDir = logDir;
    this.bootstrapServers = bootstrapServers;
    this.connector = connector;
  }

  /** Starts a worker JVM; {@link #awaitTaskRunning} tells when it captures. */
  synchronized ConnectWorker start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("the worker is running (pid " + process.pid() + ")");
    }
    try {
      Files.createDirectories(workDir);
      Files.createDirectories(logDir);
      // A fresh REST port per run: the killed worker's port may still be held by its connections.
      restPort = DevStackPorts.freePort();
      Path workerFile = write("worker.properties", workerProperties());
      Path connectorFile = write("connector.properties", connector.toProperties());
      Path logback = writeLogback();
      Path log = logDir.resolve("worker-" + ++runs + ".log");
      List<String> command =
          List.of(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-Xmx384m",
              "-XX:TieredStopAtLevel=1",
              "-XX:+UseSerialGC",
              "-Djava.net.preferIPv4Stack=true",
              "-Dlogback.configurationFile=" + logback,
              "-cp",
              System.getProperty("java.class.path"),
              ConnectStandalone.class.getName(),
              workerFile.toString(),
              connectorFile.toString());
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the Connect worker", e);
    }
    return this;
  }

  /** Waits until the connector and its task report RUNNING on the worker's REST API. */
  void awaitTaskRunning() {
    await()
        .atMost(START_TIMEOUT)
        .pollInterval(Duration.ofMillis(250))
        .failFast("the Connect worker exited; see its log in " + logDir, () -> !process.isAlive())
        .ignoreExceptions()
        .until(
            () -> {
              JsonNode status = status();
              JsonNode tasks = status.path("tasks");
              return "RUNNING".equals(status.path("connector").path("state").asText())
                  && tasks.size() == 1
                  && "RUNNING".equals(tasks.get(0).path("state").asText());
            });
  }

  /** {@code GET /connectors/<name>/status}. */
  JsonNode status() throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:"
                            + restPort
                            + "/connectors/"
                            + connector.name()
                            + "/status"))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("status " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  /**
   * SIGKILL ({@link Process#destroyForcibly()} on Linux) of the worker JVM, after checking that the
   * process is that JVM (its command line runs {@link ConnectStandalone}); returns its exit status
   * (137 = 128 + SIGKILL): nothing ran on the way down, no offset flush, no producer close.
   */
  synchronized int kill() throws InterruptedException {
    long pid = process.pid();
    List<String> arguments = commandLine(pid);
    if (!process.isAlive() || !arguments.contains(ConnectStandalone.class.getName())) {
      throw new IllegalStateException("pid " + pid + " is not a live Connect worker: " + arguments);
    }
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the Connect worker survived SIGKILL: pid " + pid);
    }
    return process.exitValue();
  }

  /**
   * The process's arguments from {@code /proc} (Linux): {@link ProcessHandle.Info#arguments()} is
   * empty for a command line as long as this class path.
   */
  private static List<String> commandLine(long pid) {
    try {
      String raw = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"));
      return List.of(raw.split("\0"));
    } catch (IOException e) {
      return List.of();
    }
  }

  long pid() {
    return process.pid();
  }

  Path offsetFile() {
    return workDir.resolve("offsets.dat");
  }

  @Override
  public synchronized void close() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private Properties workerProperties() {
    Properties p = new Properties();
    p.setProperty("bootstrap.servers", bootstrapServers);
    p.setProperty("listeners", "http://127.0.0.1:" + restPort);
    p.setProperty("rest.advertised.host.name", "127.0.0.1");
    p.setProperty("offset.storage.file.filename", offsetFile().toString());
    // Offsets are flushed every 10 s (Connect's default is 60 s): a kill loses the offsets of what
    // was published since the last flush, and the restarted connector publishes it again. A wide
    // window lets a test kill the worker with such records certainly in it.
    p.setProperty("offset.flush.interval.ms", String.valueOf(OFFSET_FLUSH.toMillis()));
    p.setProperty("key.converter", "org.apache.kafka.connect.json.JsonConverter");
    p.setProperty("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    p.setProperty("key.converter.schemas.enable", "true");
    p.setProperty("value.converter.schemas.enable", "true");
    // The connector is on the class path with a service manifest; scanning the whole (large) test
    // class path by reflection would cost start-up time for nothing.
    p.setProperty("plugin.discovery", "service_load");
    p.setProperty("topic.creation.enable", "true");
    return p;
  }

  private Path write(String name, Properties properties) throws IOException {
    Path file = workDir.resolve(name);
    try (OutputStream out = Files.newOutputStream(file)) {
      properties.store(out, null);
    }
    return file;
  }

  /** Connect's and Debezium's INFO lines (task states, offsets, snapshot) in the run's log file. */
  private Path writeLogback() throws IOException {
    Path file = workDir.resolve("logback-worker.xml");
    Files.writeString(
        file,
        """
        <configuration>
          <statusListener class="ch.qos.logback.core.status.NopStatusListener"/>
          <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
            <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
          </appender>
          <logger name="org.apache.kafka.connect" level="INFO"/>
          <logger name="io.debezium" level="INFO"/>
          <root level="WARN"><appender-ref ref="OUT"/></root>
        </configuration>
        """);
    return file;
  }
}

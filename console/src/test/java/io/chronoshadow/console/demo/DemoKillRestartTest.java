package io.chronoshadow.console.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chronoshadow.devstack.DevStackPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./chrono demo} killed with SIGKILL leaves nothing running, and the same command on the
 * same data directory starts again and goes on committing shadows and forecasts, every time.
 *
 * <p>The demo runs as a child JVM exactly as the {@code chrono} script starts it, with the workload
 * on and ports that this test picks once: a restart keeps its Kafka, PostgreSQL, S3 and registry
 * ports, so the stack stays readable at known addresses (and an orphaned PostgreSQL, "port … is
 * already in use", needs a fixed port to show). It is killed {@value #KILLS} times at seeded random
 * moments (the seed is printed; {@code -Dchrono.test.seed=…} replays it), in three ways ({@link
 * Kill}): while it starts, while it runs (the JVM alone: its children's watchdogs stop them), and
 * as a power loss would (every process of the demo at once, PostgreSQL recovering from its own
 * crash). After every kill no process may still use the data directory. The first run goes on until
 * the prophet forecasts, so that every later run restarts a warm prophet. Then the same command
 * with the console runs once more: it commits shadows, its prophet forecasts again, its console
 * answers, and every shadow cut since the first run came up equals the source database at its cut
 * by PostgreSQL's own audit, and the replay of the change topics; none holds a late transaction.
 * That run is stopped with SIGTERM and stops everything itself.
 */
class DemoKillRestartTest {

  static final int KILLS = 10;

  /** How a run is killed. */
  enum Kill {
    /** SIGKILL of the JVM while PostgreSQL, Kafka, the registry or capture are starting. */
    DURING_START_UP,
    /** SIGKILL of the JVM after it committed shadows; its children's watchdogs stop them. */
    RUNNING,
    /** SIGKILL of the JVM and every process of the demo at once, after it committed shadows. */
    POWER_LOSS;

    /** Runs 2, 5, 8 during start-up; 4, 7, 10 by power loss; the others while running. */
    static Kill of(int run) {
      return switch (run % 3) {
        case 2 -> DURING_START_UP;
        case 1 -> run == 1 ? RUNNING : POWER_LOSS;
        default -> RUNNING;
      };
    }
  }

  /** A postmaster's fast shutdown may take its watchdog up to 30 s before SIGKILL; then margin. */
  static final Duration NOTHING_LEFT_WITHIN = Duration.ofSeconds(45);

  /** The summary's last line, printed once the whole demo is up. */
  static final String SUMMARY_LAST_LINE = "Ctrl-C stops everything.";

  /** Start-up (first run: initdb, topics, registry, snapshot), on a busy machine. */
  static final Duration START_WITHIN = Duration.ofSeconds(240);

  /**
   * Shadows are cut every 2 s of source time; the first commit after a start restores the state
   * stores and may wait out the killed instance's consumer session: 76 s were seen on a machine
   * with a load average of 12.
   */
  static final Duration FURTHER_SHADOWS_WITHIN = Duration.ofSeconds(240);

  /** The prophet's warm-up is 30 one-second steps after the first shadow; then margin. */
  static final Duration FORECASTS_WITHIN = Duration.ofSeconds(150);

  static final String FORECASTS_TOPIC = "chrono.forecasts";

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dataDir;

  /**
   * A failed run leaves its demo running (the assertions stop the test, not the demo): every
   * process that still uses the data directory is killed, so that it cannot load the next tests.
   */
  @AfterEach
  void killWhatIsLeft() {
    for (String line : ProcessesUsing.directory(dataDir)) {
      ProcessHandle.of(Long.parseLong(line.substring(0, line.indexOf(':'))))
          .ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void killedWithSigkillItLeavesNothingRunningAndTheSameCommandResumes() throws Exception {
    long seed = Long.getLong("chrono.test.seed", System.currentTimeMillis());
    System.out.println(
        "DemoKillRestartTest seed " + seed + " (replay: -Dchrono.test.seed=" + seed + ")");
    Random random = new Random(seed);
    DemoPorts ports = DemoPorts.pickFree();

    DemoSourceOracle oracle = null;
    for (int run = 1; run <= KILLS; run++) {
      Kill kill = Kill.of(run);
      DemoProcess demo = DemoProcess.start("demo#" + run, ports.demoCommand(dataDir));
      if (oracle == null) {
        demo.awaitLine(SUMMARY_LAST_LINE, START_WITHIN);
        oracle = DemoSourceOracle.install(ports);
        long forecasts = awaitFurtherForecasts(demo, ports, 0);
        System.out.printf("demo#%d: %d forecasts, the prophet is warm%n", run, forecasts);
      }
      if (kill == Kill.DURING_START_UP) {
        long killAfterMillis = 1_000 + random.nextInt(19_000);
        System.out.printf("demo#%d: SIGKILL %d ms after its launch%n", run, killAfterMillis);
        TimeUnit.MILLISECONDS.sleep(killAfterMillis); // the kill point itself, not a wait
      } else {
        long shadows = awaitFurtherShadows(demo, ports);
        // Anywhere in the next few shadows' capture, staging and commits.
        long killAfterMillis = random.nextInt(6_000);
        System.out.printf(
            "demo#%d: %d shadows committed; %s kill in %d ms%n",
            run, shadows, kill, killAfterMillis);
        TimeUnit.MILLISECONDS.sleep(killAfterMillis); // the kill point itself, not a wait
      }
      if (kill == Kill.POWER_LOSS) {
        demo.killEverything(dataDir);
      } else {
        demo.kill();
      }
      assertNothingLeft("after SIGKILL of demo#" + run + " (pid " + demo.pid() + ")");
    }

    int consolePort = DevStackPorts.freePort();
    DemoProcess last =
        DemoProcess.start(
            "demo#" + (KILLS + 1), ports.demoCommandWithConsole(dataDir, consolePort));
    // Counted once the broker is up again; the prophet must then publish more.
    last.awaitLine(SUMMARY_LAST_LINE, START_WITHIN);
    long forecastsBefore = CommittedShadows.count(ports.kafka(), FORECASTS_TOPIC);
    awaitFurtherShadows(last, ports);
    long forecasts = awaitFurtherForecasts(last, ports, forecastsBefore);
    System.out.printf(
        "the prophet forecasts again: %d forecasts, %d since the last run was up%n",
        forecasts, forecasts - forecastsBefore);
    assertTheConsoleAnswers(consolePort);
    // Every shadow of every run since the audit was installed equals the source at its cut.
    int compared = oracle.assertShadowsEqualTheSource();
    System.out.printf("%d shadows equal to the source database at their cut%n", compared);
    assertThat(compared).as("shadows cut after the audit was installed").isGreaterThanOrEqualTo(8);
    int exit = last.terminate(120);
    // 143 = 128 + SIGTERM: how a JVM that ran its shutdown hooks after SIGTERM exits.
    assertThat(exit).as("exit code after SIGTERM:\n" + last.tail(30)).isIn(0, 143);
    // Stopped by the demo itself, not by a watchdog: PostgreSQL shut down (its pid file is gone)
    // and the registry's pid file was removed on close.
    assertThat(dataDir.resolve("postgres/postmaster.pid")).doesNotExist();
    assertThat(dataDir.resolve("registry/registry.pid")).doesNotExist();
    assertNothingLeft("after SIGTERM of the last run");
  }

  /**
   * The console comes up ready (its topics read, the catalog answering), the shop group's health is
   * ok (no late transaction, no dead letter) and its shadows are listed; no token: reads are open
   * in the demo.
   */
  private static void assertTheConsoleAnswers(int port) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions()
        .until(() -> get(http, port, "/health/ready").statusCode() == 200);
    HttpResponse<String> health = get(http, port, "/api/v1/groups/shop/health");
    assertThat(health.statusCode()).as("group health: %s", health.body()).isEqualTo(200);
    assertThat(health.body()).as("group health").contains("\"status\":\"ok\"");
    HttpResponse<String> shadows = get(http, port, "/api/v1/groups/shop/shadows");
    assertThat(shadows.statusCode()).as("shadows: %s", shadows.body()).isEqualTo(200);
    assertThat(shadows.body()).as("shadows").contains("shadow-shop-");
  }

  private static HttpResponse<String> get(HttpClient http, int port, String path) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .timeout(Duration.ofSeconds(30))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: GET " + path, e);
    }
  }

  /**
   * Waits until the prophet has published more than {@code before} forecasts (committed records of
   * {@value #FORECASTS_TOPIC}); the new count.
   */
  private static long awaitFurtherForecasts(DemoProcess demo, DemoPorts ports, long before) {
    AtomicLong now = new AtomicLong();
    await()
        .atMost(FORECASTS_WITHIN)
        .pollInterval(Duration.ofSeconds(2))
        .failFast("the demo exited (its output is above)", () -> !demo.isAlive())
        .until(
            () -> {
              now.set(CommittedShadows.count(ports.kafka(), FORECASTS_TOPIC));
              return now.get() > before;
            });
    return now.get();
  }

  /**
   * Waits until this run of the demo is up (its summary printed: the stack, shadow topology and
   * workload started) and has then committed at least one more shadow; the new count. Counting from
   * the summary on proves that this run commits: a shadow of the killed run whose commit was in
   * flight is settled (committed or aborted) by then.
   */
  private static long awaitFurtherShadows(DemoProcess demo, DemoPorts ports)
      throws InterruptedException {
    long t0 = System.nanoTime();
    demo.awaitLine(SUMMARY_LAST_LINE, START_WITHIN);
    long before = CommittedShadows.count(ports.kafka());
    AtomicLong now = new AtomicLong();
    await()
        .atMost(FURTHER_SHADOWS_WITHIN)
        .pollInterval(Duration.ofSeconds(1))
        .failFast("the demo exited (its output is above)", () -> !demo.isAlive())
        .until(
            () -> {
              now.set(CommittedShadows.count(ports.kafka()));
              return now.get() > before;
            });
    System.out.printf(
        "demo pid %d: %d shadows committed, %d of them by this run, %d s after its launch%n",
        demo.pid(),
        now.get(),
        now.get() - before,
        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0));
    return now.get();
  }

  private void assertNothingLeft(String when) {
    List<String> left = new ArrayList<>();
    try {
      await()
          .atMost(NOTHING_LEFT_WITHIN)
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                left.clear();
                left.addAll(ProcessesUsing.directory(dataDir));
                return left.isEmpty();
              });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(
          "processes still using " + dataDir + " " + when + ":\n" + String.join("\n", left), e);
    }
  }

  /** Ports picked once, so that every run of the demo listens where the first one did. */
  record DemoPorts(int kafkaPort, int postgresPort, int s3Port, int registryPort) {

    static DemoPorts pickFree() {
      List<Integer> ports = new ArrayList<>();
      while (ports.size() < 4) {
        int port = DevStackPorts.freePort();
        if (!ports.contains(port)) {
          ports.add(port);
        }
      }
      return new DemoPorts(ports.get(0), ports.get(1), ports.get(2), ports.get(3));
    }

    String kafka() {
      return DevStackPorts.HOST + ":" + kafkaPort;
    }

    String sourceJdbcUrl() {
      return "jdbc:postgresql://" + DevStackPorts.HOST + ":" + postgresPort + "/source";
    }

    /** The arguments of {@code ./chrono demo} for this data directory and these ports. */
    List<String> demoCommand(Path dataDir) {
      List<String> args = commonArguments(dataDir);
      args.add("--no-console");
      return args;
    }

    /** As {@link #demoCommand(Path)}, with the console on {@code consolePort}. */
    List<String> demoCommandWithConsole(Path dataDir, int consolePort) {
      List<String> args = commonArguments(dataDir);
      args.addAll(List.of("--console-port", Integer.toString(consolePort)));
      return args;
    }

    private List<String> commonArguments(Path dataDir) {
      List<String> args =
          new ArrayList<>(
              List.of(
                  "demo",
                  "--data-dir",
                  dataDir.toString(),
                  "--kafka-port",
                  Integer.toString(kafkaPort),
                  "--postgres-port",
                  Integer.toString(postgresPort),
                  "--s3-port",
                  Integer.toString(s3Port),
                  "--registry-port",
                  Integer.toString(registryPort),
                  // Shadows every 2 s of source commit time, so that each run commits some quickly;
                  // one-second analysis steps, so that the prophet is warm 30 s after the first.
                  "--policy",
                  "{\"type\":\"fixed\",\"interval\":\"PT2S\"}",
                  "--analysis-step",
                  "PT1S"));
      return args;
    }
  }
}

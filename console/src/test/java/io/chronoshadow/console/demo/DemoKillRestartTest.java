package io.chronoshadow.console.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chronoshadow.devstack.DevStackPorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: {@code ./chrono demo} killed with SIGKILL leaves nothing running, and the same command
 * on the same data directory starts again and goes on committing shadows, every time.
 *
 * <p>The demo runs as a child JVM exactly as the {@code chrono} script starts it, with the workload
 * on and ports that this test picks once: a restart keeps its Kafka, PostgreSQL, S3 and registry
 * ports, so the stack stays readable at known addresses (and the reported failure, "port … is
 * already in use" from an orphaned PostgreSQL, needs a fixed port to show). It is killed three
 * times at seeded random moments (the seed is printed; {@code -Dchrono.test.seed=…} replays it):
 * twice after committing shadows of its own, once during its start-up; the last kill takes every
 * process of the demo with it (PostgreSQL, the registry, the watchdogs), as a power loss would. The
 * run after each kill but the start-up one commits shadows of its own; the last run is stopped with
 * SIGTERM. After every stop, no process may still use the data directory. Before that stop, every
 * shadow cut after the first run came up equals the source database at its cut, by PostgreSQL's own
 * audit, and none holds a late transaction.
 */
class DemoKillRestartTest {

  static final int KILLS = 3;

  /** The run killed during its start-up; the others are killed after committing shadows. */
  static final int STARTUP_KILL = 2;

  /** A postmaster's fast shutdown may take its watchdog up to 30 s before SIGKILL; then margin. */
  static final Duration NOTHING_LEFT_WITHIN = Duration.ofSeconds(45);

  /** The summary's last line, printed once the whole demo is up. */
  static final String SUMMARY_LAST_LINE = "Ctrl-C stops everything.";

  /** Start-up (first run: initdb, topics, registry, snapshot), on a busy machine. */
  static final Duration START_WITHIN = Duration.ofSeconds(180);

  /** Shadows are cut every 2 s of source time; their first commit after a start can be slow. */
  static final Duration FURTHER_SHADOWS_WITHIN = Duration.ofSeconds(120);

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dataDir;

  @Test
  void killedWithSigkillItLeavesNothingRunningAndTheSameCommandResumes() throws Exception {
    long seed = Long.getLong("chrono.test.seed", System.currentTimeMillis());
    System.out.println(
        "DemoKillRestartTest seed " + seed + " (replay: -Dchrono.test.seed=" + seed + ")");
    Random random = new Random(seed);
    DemoPorts ports = DemoPorts.pickFree();
    List<String> command = ports.demoCommand(dataDir);

    DemoSourceOracle oracle = null;
    for (int run = 1; run <= KILLS; run++) {
      DemoProcess demo = DemoProcess.start("demo#" + run, command);
      if (oracle == null) {
        demo.awaitLine(SUMMARY_LAST_LINE, START_WITHIN);
        oracle = DemoSourceOracle.install(ports);
      }
      if (run == STARTUP_KILL) {
        // While PostgreSQL, Kafka, the registry or capture are starting: where a child is most
        // likely to have no watchdog yet.
        long killAfterMillis = 1_000 + random.nextInt(19_000);
        System.out.printf("demo#%d: SIGKILL %d ms after its launch%n", run, killAfterMillis);
        TimeUnit.MILLISECONDS.sleep(killAfterMillis); // the kill point itself, not a wait
      } else {
        long shadows = awaitFurtherShadows(demo, ports);
        // Anywhere in the next few shadows' capture, staging and commits.
        long killAfterMillis = random.nextInt(6_000);
        System.out.printf(
            "demo#%d: %d shadows committed; SIGKILL in %d ms%n", run, shadows, killAfterMillis);
        TimeUnit.MILLISECONDS.sleep(killAfterMillis); // the kill point itself, not a wait
      }
      if (run == KILLS) {
        // The last kill takes everything with the JVM: PostgreSQL recovers from its own crash.
        demo.killEverything(dataDir);
      } else {
        demo.kill();
      }
      assertNothingLeft("after SIGKILL of demo#" + run + " (pid " + demo.pid() + ")");
    }

    DemoProcess last = DemoProcess.start("demo#" + (KILLS + 1), command);
    awaitFurtherShadows(last, ports);
    // Every shadow of every run since the audit was installed equals the source at its cut.
    int compared = oracle.assertShadowsEqualTheSource();
    System.out.printf("%d shadows equal to the source database at their cut%n", compared);
    assertThat(compared).as("shadows cut after the audit was installed").isGreaterThanOrEqualTo(3);
    int exit = last.terminate(120);
    // 143 = 128 + SIGTERM: how a JVM that ran its shutdown hooks after SIGTERM exits.
    assertThat(exit).as("exit code after SIGTERM:\n" + last.tail(30)).isIn(0, 143);
    // Stopped by the demo itself, not by a watchdog: PostgreSQL shut down (its pid file is gone)
    // and
    // the registry's pid file was removed on close.
    assertThat(dataDir.resolve("postgres/postmaster.pid")).doesNotExist();
    assertThat(dataDir.resolve("registry/registry.pid")).doesNotExist();
    assertNothingLeft("after SIGTERM of the last run");
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
      return List.of(
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
          "--no-console",
          // Shadows every 2 s of source commit time, so that each run commits some quickly.
          "--policy",
          "{\"type\":\"fixed\",\"interval\":\"PT2S\"}");
    }
  }
}

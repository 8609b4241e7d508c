package io.chronoshadow.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM running the stack is stopped with SIGTERM (as Ctrl-C or a service manager would): the
 * shutdown hook closes the stack, and neither the registry nor PostgreSQL outlives the JVM.
 */
class DevStackShutdownHookTest {

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  /** The child JVM: starts a stack, says READY with the registry's pid, and waits to be killed. */
  public static void main(String[] args) throws Exception {
    DevStack stack =
        DevStack.start(
            DevStackConfig.builderWithFreePorts(Path.of(args[0])).build(),
            source -> {
              try (Connection c = source.getConnection();
                  Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA IF NOT EXISTS shop");
                s.execute("CREATE TABLE IF NOT EXISTS shop.t (id int PRIMARY KEY)");
              } catch (SQLException e) {
                throw new IllegalStateException(e);
              }
            });
    System.out.println("READY " + stack.registry().processHandle().pid());
    System.out.flush();
    new CompletableFuture<Void>().get(); // until SIGTERM
  }

  /** Alive and not a zombie. */
  static boolean running(long pid) {
    if (ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty()) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
    } catch (java.io.IOException e) {
      return false; // gone meanwhile
    }
  }

  @Test
  void sigtermClosesTheStackAndLeavesNoProcessBehind() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process child =
        new ProcessBuilder(
                java,
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                DevStackShutdownHookTest.class.getName(),
                dir.toString())
            .redirectErrorStream(true)
            .start();
    List<String> output = new ArrayList<>();
    CompletableFuture<Long> ready = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  synchronized (output) {
                    output.add(line);
                  }
                  if (line.startsWith("READY ")) {
                    ready.complete(Long.parseLong(line.substring(6).trim()));
                  }
                }
              } catch (Exception e) {
                ready.completeExceptionally(e);
              }
              ready.completeExceptionally(new IllegalStateException("child exited before READY"));
            });
    reader.start();
    long registryPid;
    try {
      registryPid = ready.get(180, TimeUnit.SECONDS);
    } catch (Exception e) {
      child.destroyForcibly();
      synchronized (output) {
        throw new AssertionError("child did not get ready:\n" + String.join("\n", output), e);
      }
    }
    long postmasterPid =
        Long.parseLong(Files.readAllLines(dir.resolve("postgres/postmaster.pid")).get(0).trim());
    assertThat(ProcessHandle.of(registryPid).map(ProcessHandle::isAlive)).contains(true);
    assertThat(ProcessHandle.of(postmasterPid).map(ProcessHandle::isAlive)).contains(true);

    child.destroy(); // SIGTERM
    assertThat(child.waitFor(90, TimeUnit.SECONDS)).as("child exits after SIGTERM").isTrue();
    reader.join(10_000);
    try {
      assertThat(running(registryPid)).as("registry still running").isFalse();
      // pg_ctl stop -w returned once postgres removed postmaster.pid; the daemonized postmaster
      // (not our child) may still be on its way out or waiting for PID 1 to reap it.
      assertThat(dir.resolve("postgres/postmaster.pid")).doesNotExist();
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> assertThat(running(postmasterPid)).as("postmaster running").isFalse());
    } finally {
      ProcessHandle.of(registryPid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }
}

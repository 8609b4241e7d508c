package io.chronoshadow.console.demo;

import io.chronoshadow.console.ChronoCli;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code ./chrono demo …} as a child JVM: the launcher's main class and JVM options, on the test
 * class path. Its output is echoed to the test's (prefixed, for the surefire report) and kept for
 * failure messages.
 */
final class DemoProcess {

  private final Process process;
  private final String name;
  private final List<String> output = new ArrayList<>();
  private final List<Waiter> waiters = new ArrayList<>();
  private final Thread reader;

  private record Waiter(String text, CompletableFuture<String> line) {}

  private DemoProcess(Process process, String name) {
    this.process = process;
    this.name = name;
    this.reader = new Thread(this::read, name + "-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code chrono <args>} the way the {@code chrono} script does. */
  static DemoProcess start(String name, List<String> args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    // What ./chrono passes: the registry jar and IPv4 (everything listens on 127.0.0.1).
    command.add("-Dchrono.registry.jar=" + System.getProperty("chrono.registry.jar"));
    command.add("-Djava.net.preferIPv4Stack=true");
    command.add("-Xmx1g");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ChronoCli.class.getName());
    command.addAll(args);
    // Standard input stays open (a pipe we never write): the demo reads commands from it.
    return new DemoProcess(new ProcessBuilder(command).redirectErrorStream(true).start(), name);
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Waits for the first line (already printed or to come) that contains {@code text}.
   *
   * @throws AssertionError with the last lines of output when none comes in time or the demo exits
   */
  String awaitLine(String text, Duration timeout) throws InterruptedException {
    CompletableFuture<String> line = new CompletableFuture<>();
    synchronized (output) {
      for (String seen : output) {
        if (seen.contains(text)) {
          return seen;
        }
      }
      waiters.add(new Waiter(text, line));
    }
    try {
      return line.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError(
          name + " printed no line with '" + text + "' within " + timeout + ":\n" + tail(40), e);
    }
  }

  /**
   * SIGKILL, at once, to the JVM, every process it started and every process using its data
   * directory (PostgreSQL daemonizes, so it is no descendant) — a machine losing power: no watchdog
   * gets to stop a child gracefully, and the next start finds stale pid files and a crashed
   * PostgreSQL.
   */
  void killEverything(Path dataDir) throws InterruptedException {
    List<Long> killed = new ArrayList<>();
    process.descendants().forEach(p -> killed.add(p.pid()));
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    for (String line : ProcessesUsing.directory(dataDir)) {
      long pid = Long.parseLong(line.substring(0, line.indexOf(':')));
      killed.add(pid);
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
    kill();
    // A machine that lost power restarts with none of them. Here a killed daemon (PostgreSQL's
    // postmaster, reparented to PID 1) stays a zombie until PID 1 reaps it, and while its pid
    // exists PostgreSQL will not start again on its directory: wait until each one is reaped.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    for (long pid : killed) {
      while (Files.exists(Path.of("/proc", Long.toString(pid)))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "pid " + pid + " of " + name + " was not reaped within 60 s of SIGKILL");
        }
        TimeUnit.MILLISECONDS.sleep(100); // polling /proc: there is nothing to wait on
      }
    }
  }

  /** SIGKILL, as {@code kill -9} does; returns once the JVM is gone (children may not be). */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError(name + " (pid " + pid() + ") survived SIGKILL");
    }
  }

  /** SIGTERM, as a service manager does; the exit code once the JVM is gone. */
  int terminate(long timeoutSeconds) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      throw new AssertionError(
          name + " did not exit within " + timeoutSeconds + " s of SIGTERM:\n" + tail(40));
    }
    reader.join(TimeUnit.SECONDS.toMillis(10)); // the rest of its output
    return process.exitValue();
  }

  /** The last {@code lines} lines of its output. */
  String tail(int lines) {
    synchronized (output) {
      return String.join("\n", output.subList(Math.max(0, output.size() - lines), output.size()));
    }
  }

  private void read() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        System.out.println("[" + name + "] " + line);
        synchronized (output) {
          output.add(line);
          for (Waiter w : List.copyOf(waiters)) {
            if (line.contains(w.text())) {
              w.line().complete(line);
              waiters.remove(w);
            }
          }
        }
      }
    } catch (IOException ended) {
      // the process is gone
    }
    synchronized (output) {
      waiters.forEach(w -> w.line().completeExceptionally(new IllegalStateException("exited")));
    }
  }
}

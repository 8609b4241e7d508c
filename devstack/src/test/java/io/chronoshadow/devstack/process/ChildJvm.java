package io.chronoshadow.devstack.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A JVM on the test class path running a test's {@code main}, whose output the test reads: {@link
 * #awaitLine} waits for a line such as {@code READY}. Tests kill it with SIGKILL to play a crash.
 */
public final class ChildJvm implements AutoCloseable {

  private final Process process;
  private final List<String> output = new ArrayList<>();
  private final List<Waiter> waiters = new ArrayList<>();

  private record Waiter(String prefix, CompletableFuture<String> line) {}

  private ChildJvm(Process process) {
    this.process = process;
    Thread reader = new Thread(this::read, "child-jvm-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  public static ChildJvm start(Class<?> mainClass, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xmx256m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(List.of(args));
    return new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).start());
  }

  /** The first line (already printed or to come) that starts with {@code prefix}. */
  public String awaitLine(String prefix, long timeoutSeconds) throws Exception {
    CompletableFuture<String> line = new CompletableFuture<>();
    synchronized (output) {
      for (String seen : output) {
        if (seen.startsWith(prefix)) {
          return seen;
        }
      }
      waiters.add(new Waiter(prefix, line));
    }
    try {
      return line.get(timeoutSeconds, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(
          "no line '" + prefix + "…' from the child JVM; it said:\n" + output(), e);
    }
  }

  public String output() {
    synchronized (output) {
      return String.join("\n", output);
    }
  }

  public Process process() {
    return process;
  }

  /** SIGKILL, as a crash or {@code kill -9} would; returns once the JVM is gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }

  private void read() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        synchronized (output) {
          output.add(line);
          for (Waiter w : List.copyOf(waiters)) {
            if (line.startsWith(w.prefix())) {
              w.line().complete(line);
              waiters.remove(w);
            }
          }
        }
      }
    } catch (IOException ignored) {
      // the child died; the waiters time out with its output
    }
    synchronized (output) {
      waiters.forEach(w -> w.line().completeExceptionally(new IllegalStateException("exited")));
    }
  }
}

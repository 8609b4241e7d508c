package io.chronoshadow.devstack.process;

import io.chronoshadow.devstack.DevStackException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tiny shell process ({@code watchdog.sh}, beside this class) that stops one child process when
 * this JVM dies, including by SIGKILL, which runs no shutdown hook.
 *
 * <p>Why a process and not a thread: nothing in a JVM survives its SIGKILL. Why a pipe and not a
 * pid poll: the watchdog's standard input is a pipe whose only writer is this JVM, so it wakes the
 * moment the kernel closes that pipe at our death, with no polling and no pid to be reused. (Java
 * closes every other descriptor in the processes it starts, so no other child holds the pipe open.)
 * {@link #close()} writes a line first: that disarms the watchdog after the JVM stopped the child
 * itself.
 */
public final class ParentWatchdog implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ParentWatchdog.class);
  private static final String SCRIPT = loadScript();
  private static final Duration EXIT_WAIT = Duration.ofSeconds(5);

  private final Process process;
  private final String name;
  private boolean closed;

  private ParentWatchdog(Process process, String name) {
    this.process = process;
    this.name = name;
  }

  /**
   * Starts a watchdog for {@code child}: when this JVM is gone, it sends {@code signal} to the
   * child (if the child still has its marker), waits up to {@code grace}, then sends SIGKILL.
   *
   * @param name what the child is, for the watchdog's message (e.g. {@code the schema registry})
   */
  public static ParentWatchdog start(
      String name, MarkedProcess child, String signal, Duration grace) {
    return start(name, Long.toString(child.pid()), child.marker(), signal, grace);
  }

  /**
   * Starts a watchdog for a child that is about to be started and will write its pid to the first
   * line of {@code pidFile} (as a postmaster does): the watchdog reads the pid when this JVM dies,
   * so it covers the child's start-up too. Only a process whose command line has {@code marker} is
   * signalled.
   */
  public static ParentWatchdog startForPidFile(
      String name, Path pidFile, String marker, String signal, Duration grace) {
    return start(name, "@" + pidFile.toAbsolutePath(), marker, signal, grace);
  }

  private static ParentWatchdog start(
      String name, String pid, String marker, String signal, Duration grace) {
    ProcessBuilder builder =
        new ProcessBuilder(
                "sh",
                "-c",
                SCRIPT,
                "chrono-watchdog",
                name,
                pid,
                marker,
                signal,
                Long.toString(Math.max(1, grace.toSeconds())))
            // Not the child's directory: the watchdog must not look like it uses that.
            .directory(new File("/"))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            // Its one line, if it ever acts, goes where ours go (the terminal), after we are gone.
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    try {
      Process process = builder.start();
      LOG.debug("watchdog pid {} guards {} (pid {}, {})", process.pid(), name, pid, marker);
      return new ParentWatchdog(process, name);
    } catch (IOException e) {
      throw new DevStackException(
          "cannot start the watchdog of " + name + " (sh -c …): " + e.getMessage(), e);
    }
  }

  /** The watchdog's own process. */
  public ProcessHandle processHandle() {
    return process.toHandle();
  }

  /** Disarms the watchdog (the child was stopped by us) and waits for it to exit. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try (OutputStream disarm = process.getOutputStream()) {
      disarm.write('\n');
    } catch (IOException alreadyGone) {
      // It exited (or was killed) already; nothing to disarm.
    }
    try {
      if (!process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn(
            "watchdog of {} (pid {}) did not exit when disarmed; killing it", name, process.pid());
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static String loadScript() {
    try (InputStream in = ParentWatchdog.class.getResourceAsStream("watchdog.sh")) {
      if (in == null) {
        throw new IllegalStateException("watchdog.sh is missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

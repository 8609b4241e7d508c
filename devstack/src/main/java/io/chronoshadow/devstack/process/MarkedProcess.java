package io.chronoshadow.devstack.process;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A process we started, named by its pid and by one argument of its command line that only it has
 * (its data directory, typically). The pid alone is not enough to signal it later: after it exits,
 * the number can be given to an unrelated process. Every signal is therefore sent only after the
 * marker has been checked again.
 *
 * <p>It works for processes that are not our children (a daemonized postmaster, a child of a JVM
 * that was killed), which {@link Process} cannot signal.
 */
public record MarkedProcess(long pid, String marker) {

  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration AFTER_KILL = Duration.ofSeconds(5);

  /** How {@link #stop} ended. */
  public enum Outcome {
    /** It was not running (any more) when we looked. */
    NOT_RUNNING,
    /** It exited after the first signal, within the grace period. */
    STOPPED,
    /** It needed SIGKILL. */
    KILLED,
    /** It was still there after SIGKILL (e.g. stuck in the kernel). */
    SURVIVED
  }

  /** Running, and still the process we mean (a zombie counts as gone). */
  public boolean isRunning() {
    return ProcessArguments.hasArgument(pid, marker);
  }

  /**
   * Sends {@code signal} (a name: INT, TERM…), waits up to {@code grace} for the process to go,
   * then sends SIGKILL.
   */
  public Outcome stop(String signal, Duration grace) {
    if (!signal(signal)) {
      return Outcome.NOT_RUNNING;
    }
    if (awaitGone(grace)) {
      return Outcome.STOPPED;
    }
    if (!signal("KILL")) {
      return Outcome.STOPPED;
    }
    return awaitGone(AFTER_KILL) ? Outcome.KILLED : Outcome.SURVIVED;
  }

  /** Sends {@code signal} if the process is still ours; false when it was not running. */
  public boolean signal(String signal) {
    if (!isRunning()) {
      return false;
    }
    // The shell's kill builtin: Java can only send TERM and KILL, and /bin/kill is not everywhere.
    ProcessBuilder kill =
        new ProcessBuilder("sh", "-c", "kill -s \"$1\" \"$2\"", "kill", signal, Long.toString(pid))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    try {
      Process p = kill.start();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run sh to signal pid " + pid + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while signalling pid " + pid, e);
    }
    return true;
  }

  /** Polls until the process is gone (a zombie counts as gone: nobody may reap it for us). */
  public boolean awaitGone(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (isRunning()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return !isRunning();
      }
    }
    return true;
  }
}

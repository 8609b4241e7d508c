package io.chronoshadow.console.demo;

import io.chronoshadow.console.app.Console;
import io.chronoshadow.devstack.DevStack;
import io.chronoshadow.devstack.DevStackConfig;
import io.chronoshadow.devstack.workload.Anomaly;
import io.chronoshadow.devstack.workload.ShopWorkload;
import io.chronoshadow.devstack.workload.WorkloadConfig;
import io.chronoshadow.devstack.workload.WorkloadStats;
import io.chronoshadow.prophet.app.ProphetStreamsApp;
import io.chronoshadow.shadow.app.ShadowHealth;
import io.chronoshadow.shadow.app.ShadowStreamsApp;
import io.chronoshadow.shadow.policy.BucketPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running demo: the embedded stack plus the workload, with one way to stop both in the right
 * order (traffic first, so no transaction is cut off by the database going away).
 */
final class DemoSystem implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DemoSystem.class);

  private final DevStack stack;
  private final ShopWorkload workload;
  private final ShadowStreamsApp shadows;
  private final ProphetStreamsApp prophet;
  private Console console;
  private Path consoleTokenFile;
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final ScheduledExecutorService timers;
  private final Thread shutdownHook;
  private boolean closed;

  private DemoSystem(
      DevStack stack, ShopWorkload workload, ShadowStreamsApp shadows, ProphetStreamsApp prophet) {
    this.stack = stack;
    this.workload = workload;
    this.shadows = shadows;
    this.prophet = prophet;
    this.timers =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "chrono-demo-timers");
              t.setDaemon(true);
              return t;
            });
    // Ctrl-C and SIGTERM arrive as JVM shutdown: stop traffic, then the stack, before exiting.
    this.shutdownHook = new Thread(this::closeQuietly, "chrono-demo-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts the stack; when {@code workloadConfig} is given, the shop schema is created and seeded
   * before capture starts, so its tables are captured from the first change; when {@code policy} is
   * given, the shadow topology cuts the shop group into shadows under it and the prophet analyses
   * their statistics.
   */
  static DemoSystem start(
      DevStackConfig stackConfig, WorkloadConfig workloadConfig, BucketPolicy policy) {
    return start(stackConfig, workloadConfig, policy, DemoProphet.DEFAULT_STEP);
  }

  /** As {@link #start(DevStackConfig, WorkloadConfig, BucketPolicy)}, with the prophet's step. */
  static DemoSystem start(
      DevStackConfig stackConfig,
      WorkloadConfig workloadConfig,
      BucketPolicy policy,
      Duration analysisStep) {
    AtomicReference<ShopWorkload> workload = new AtomicReference<>();
    DevStack stack =
        DevStack.start(
            stackConfig,
            source -> {
              if (workloadConfig != null) {
                workload.set(ShopWorkload.create(source, workloadConfig).prepare());
              }
            });
    ShadowStreamsApp shadows = null;
    ProphetStreamsApp prophet = null;
    try {
      shadows = policy == null ? null : DemoShadows.start(stack, policy);
      prophet = shadows == null ? null : DemoProphet.start(stack, analysisStep);
    } catch (RuntimeException e) {
      if (shadows != null) {
        shadows.close();
      }
      if (workload.get() != null) {
        workload.get().close();
      }
      stack.close();
      throw e;
    }
    return new DemoSystem(stack, workload.get(), shadows, prophet);
  }

  DevStack stack() {
    return stack;
  }

  ShopWorkload workload() {
    return workload;
  }

  /** The shadow topology, or null when the demo runs without it. */
  ShadowStreamsApp shadows() {
    return shadows;
  }

  /** The prophet topology, or null when the demo runs without shadows. */
  ProphetStreamsApp prophet() {
    return prophet;
  }

  /** The console serving this demo; it is stopped first, before anything it reads from. */
  synchronized void attachConsole(Console console, Path tokenFile) {
    this.console = console;
    this.consoleTokenFile = tokenFile;
  }

  /** The console, or null when the demo runs without it. */
  Console console() {
    return console;
  }

  Path consoleTokenFile() {
    return consoleTokenFile;
  }

  void startWorkload(List<ScheduledAnomaly> schedule) {
    if (workload == null) {
      return;
    }
    workload.start();
    for (ScheduledAnomaly planned : schedule) {
      timers.schedule(
          () -> inject(planned.anomaly()), planned.delay().toMillis(), TimeUnit.MILLISECONDS);
      LOG.info("anomaly {} scheduled in {}", planned.anomaly(), planned.delay());
    }
    timers.scheduleAtFixedRate(() -> LOG.info(status()), 1, 1, TimeUnit.MINUTES);
  }

  /** Injects an anomaly now; its completion is logged by the workload. */
  void inject(Anomaly anomaly) {
    if (workload == null) {
      LOG.warn("no workload is running (--no-workload); cannot inject {}", anomaly);
      return;
    }
    workload
        .inject(anomaly)
        .whenComplete(
            (injection, failure) -> {
              if (failure != null) {
                LOG.warn("anomaly {} failed: {}", anomaly, failure.toString());
              }
            });
  }

  /** One line: how much traffic was generated and how much capture has published. */
  String status() {
    StringBuilder line = new StringBuilder("status:");
    if (workload != null) {
      WorkloadStats stats = workload.stats();
      line.append(" workload committed ")
          .append(stats.committed())
          .append(" tx (")
          .append(stats.failed())
          .append(" failed);");
    }
    line.append(" capture published ").append(stack.capture().publishedCount()).append(" records");
    if (shadows != null) {
      ShadowHealth health = shadows.health();
      line.append("; shadows ")
          .append(health.shadowsCommitted())
          .append(" committed, latest ")
          .append(health.lastShadowId() == null ? "none yet" : health.lastShadowId())
          .append(", lag ")
          .append(health.lag())
          .append(", dead-lettered ")
          .append(health.deadLettered())
          .append(" (")
          .append(health.state())
          .append(')');
    }
    if (prophet != null) {
      line.append(DemoProphet.status(prophet));
    }
    if (!stack.capture().isRunning()) {
      line.append(" — capture STOPPED: ").append(stack.capture().failure());
    }
    return line.toString();
  }

  void requestStop() {
    stopRequested.countDown();
  }

  /**
   * Waits until a stop is requested or {@code limit} (null: no limit) has passed.
   *
   * @return true when the limit ended the wait
   */
  boolean awaitStop(Duration limit) throws InterruptedException {
    if (limit == null) {
      stopRequested.await();
      return false;
    }
    return !stopRequested.await(limit.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void closeQuietly() {
    try {
      close();
    } catch (RuntimeException e) {
      LOG.warn("stopping the demo failed: {}", e.toString());
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopRequested.countDown();
    timers.shutdownNow();
    if (console != null) {
      console.close();
    }
    if (workload != null) {
      workload.close();
    }
    if (prophet != null) {
      prophet.close();
    }
    if (shadows != null) {
      shadows.close();
    }
    stack.close();
    LOG.info("demo stopped; state kept in {}", stack.config().dataDir());
    if (Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // already shutting down: the hook is running this very close()
      }
    }
  }
}

package io.chronoshadow.devstack.workload;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo shop's traffic: a seeded, reproducible sequence of business transactions against the
 * {@code shop} schema, paced to a {@link RateProfile} in real time or run as fast as possible, with
 * named {@link Anomaly anomalies} injectable on request.
 *
 * <p>Reproducibility: step n's operation and parameters depend only on the seed and n (ids are
 * allocated here, timestamps come from a business clock of the step number), and everyday steps run
 * one at a time on one session. Two fresh databases driven through the same number of steps with
 * the same seed end up identical. Anomalies happen at wall-clock moments and therefore break that
 * equality on purpose.
 *
 * <p>Thread-safe: start, stop, inject, stats and close may be called from any thread.
 */
public final class ShopWorkload implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ShopWorkload.class);

  private final ConnectionSource source;
  private final WorkloadConfig config;
  private final RateProfile profile;
  private final WorkloadCounters counters = new WorkloadCounters();
  private final VirtualClock virtualClock = new VirtualClock();
  private final Clock wallClock;

  /** Serialises everyday steps: planning order must equal execution order. */
  private final ReentrantLock stepLock = new ReentrantLock();

  private final SessionConnection stepSession;
  private final TransactionRunner stepRunner;

  private volatile OperationPlanner planner;
  private volatile AnomalyInjector injector;
  private volatile boolean closed;
  private Thread pacer;
  private StopSignal pacerStop;
  private long pacerRuns;

  private ShopWorkload(ConnectionSource source, WorkloadConfig config, Clock wallClock) {
    this.source = source;
    this.config = config;
    this.wallClock = wallClock;
    this.profile = RateProfile.of(config);
    this.stepSession = new SessionConnection(source, "steps", config.statementTimeout());
    this.stepRunner = new TransactionRunner(stepSession, counters, config.maxAttempts());
  }

  public static ShopWorkload create(DataSource dataSource, WorkloadConfig config) {
    return create(ConnectionSource.of(dataSource), config);
  }

  public static ShopWorkload create(
      String jdbcUrl, String user, String password, WorkloadConfig config) {
    return create(ConnectionSource.of(jdbcUrl, user, password), config);
  }

  public static ShopWorkload create(ConnectionSource source, WorkloadConfig config) {
    return new ShopWorkload(source, config, Clock.systemUTC());
  }

  /**
   * Creates the schema, seeds an empty database and loads the planner's starting point. Called
   * implicitly by the other methods; call it explicitly to fail fast or to seed without traffic.
   */
  public ShopWorkload prepare() {
    ensureOpen();
    // fast path without the monitor, which stop() holds while it waits for the pacer
    if (planner != null) {
      return this;
    }
    synchronized (this) {
      ensureOpen();
      if (planner == null) {
        load();
      }
    }
    return this;
  }

  private void load() {
    try (Connection connection = source.open()) {
      boolean seeded = ShopSchema.createAndSeed(connection, config);
      OperationPlanner loaded = OperationPlanner.load(connection, config);
      injector =
          new AnomalyInjector(source, config, counters, loaded, profile, virtualClock, wallClock);
      planner = loaded;
      LOG.info(
          "shop workload ready (seed {}, {}; mean {} tx/s, day {})",
          config.seed(),
          seeded ? "freshly seeded" : "continuing existing data",
          config.baseRatePerSecond(),
          config.dayLength());
    } catch (SQLException e) {
      throw new WorkloadException("cannot prepare the shop schema: " + e.getMessage(), e);
    }
  }

  /** Starts pacing everyday steps to the rate profile on a background thread. */
  public synchronized void start() {
    prepare();
    if (pacer != null) {
      return;
    }
    virtualClock.startIfNeeded();
    pacerStop = new StopSignal();
    pacer =
        new Thread(
            new PacedLoop(
                profile, virtualClock, this::runOneStep, pacerStop, config.seed(), pacerRuns++),
            "chrono-workload-pacer");
    pacer.setDaemon(true);
    pacer.start();
  }

  /** Stops pacing; returns once the in-flight transaction has finished. Anomalies keep running. */
  public synchronized void stop() {
    if (pacer == null) {
      return;
    }
    pacerStop.stop();
    try {
      pacer.join(config.closeTimeout().toMillis());
      if (pacer.isAlive()) {
        LOG.warn("workload pacer still busy after {}", config.closeTimeout());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    pacer = null;
  }

  public synchronized boolean isRunning() {
    return pacer != null;
  }

  /**
   * Runs the next {@code count} everyday steps on the calling thread as fast as the database
   * allows, for tests and benchmarks. Not while the paced runner is active.
   */
  public WorkloadStats runSteps(long count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, was " + count);
    }
    prepare();
    synchronized (this) {
      if (pacer != null) {
        throw new IllegalStateException("stop() the paced workload before runSteps()");
      }
    }
    for (long i = 0; i < count && !closed; i++) {
      runOneStep();
    }
    return stats();
  }

  private void runOneStep() {
    stepLock.lock();
    try {
      if (closed) {
        return;
      }
      ShopOperation operation = planner.next();
      counters.step();
      stepRunner.run(operation);
    } finally {
      stepLock.unlock();
    }
  }

  /**
   * Starts an anomaly now, concurrently with the everyday steps. The future completes with its
   * record when it has finished (ORDER_SPIKE: after its duration).
   */
  public CompletableFuture<AnomalyInjection> inject(Anomaly anomaly) {
    prepare();
    return injector.inject(anomaly);
  }

  /** Finished injections so far, in injection order. */
  public List<AnomalyInjection> injections() {
    AnomalyInjector current = injector;
    return current == null ? List.of() : current.injections();
  }

  /** Called after each finished injection. Register before injecting. */
  public void addAnomalyListener(AnomalyListener listener) {
    prepare();
    injector.addListener(listener);
  }

  public WorkloadStats stats() {
    return counters.snapshot();
  }

  /** Number of the next everyday step (= steps run so far in this workload, from 0). */
  public long nextStep() {
    OperationPlanner current = planner;
    return current == null ? 0 : current.nextStep();
  }

  public WorkloadConfig config() {
    return config;
  }

  public RateProfile rateProfile() {
    return profile;
  }

  /** Virtual time of the rate profile: time since the first start(). */
  public Duration virtualTime() {
    return virtualClock.elapsed();
  }

  /**
   * Stops pacing and anomalies, waits for in-flight transactions to end (commit or roll back), and
   * closes every session. Idempotent.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    stop();
    AnomalyInjector current = injector;
    if (current != null) {
      current.close();
    }
    stepLock.lock();
    try {
      stepSession.close();
    } finally {
      stepLock.unlock();
    }
    LOG.info("shop workload closed: {}", stats());
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("workload is closed");
    }
  }
}

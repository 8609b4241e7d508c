package io.chronoshadow.devstack.workload;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs anomalies concurrently with the everyday workload, each on its own thread and session (as a
 * misbehaving batch job or front end would), and records and announces every injection.
 */
final class AnomalyInjector implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AnomalyInjector.class);
  private static final long ANOMALY_STREAM = 0x414e4f4dL;

  private final ConnectionSource source;
  private final WorkloadConfig config;
  private final WorkloadCounters counters;
  private final OperationPlanner planner;
  private final RateProfile profile;
  private final VirtualClock virtualClock;
  private final Clock wallClock;
  private final StopSignal stop = new StopSignal();
  private final AtomicLong sequence = new AtomicLong();
  private final List<AnomalyInjection> injections = new CopyOnWriteArrayList<>();
  private final List<AnomalyListener> listeners = new CopyOnWriteArrayList<>();
  private final ExecutorService executor;

  AnomalyInjector(
      ConnectionSource source,
      WorkloadConfig config,
      WorkloadCounters counters,
      OperationPlanner planner,
      RateProfile profile,
      VirtualClock virtualClock,
      Clock wallClock) {
    this.source = source;
    this.config = config;
    this.counters = counters;
    this.planner = planner;
    this.profile = profile;
    this.virtualClock = virtualClock;
    this.wallClock = wallClock;
    AtomicInteger threadNumber = new AtomicInteger();
    this.executor =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread t =
                  new Thread(runnable, "chrono-workload-anomaly-" + threadNumber.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  void addListener(AnomalyListener listener) {
    listeners.add(listener);
  }

  CompletableFuture<AnomalyInjection> inject(Anomaly anomaly) {
    if (stop.isStopped()) {
      throw new IllegalStateException("workload is closed; cannot inject " + anomaly);
    }
    long number = sequence.incrementAndGet();
    CompletableFuture<AnomalyInjection> done = new CompletableFuture<>();
    executor.execute(() -> runJob(anomaly, number, done));
    return done;
  }

  /** Finished injections, in injection order. */
  List<AnomalyInjection> injections() {
    List<AnomalyInjection> copy = new ArrayList<>(injections);
    copy.sort(Comparator.comparingLong(AnomalyInjection::sequence));
    return List.copyOf(copy);
  }

  private void runJob(Anomaly anomaly, long number, CompletableFuture<AnomalyInjection> done) {
    try (SessionConnection session =
        new SessionConnection(source, "anomaly-" + number, config.statementTimeout())) {
      AnomalyJob.Context context =
          new AnomalyJob.Context(
              config,
              // the anomaly's own choices (which products, which category) are reproducible too
              DeterministicRandom.forCoordinates(config.seed(), ANOMALY_STREAM, number),
              new TransactionRunner(session, counters, config.maxAttempts()),
              session,
              planner,
              profile,
              virtualClock,
              stop);
      Instant startedAt = wallClock.instant();
      AnomalyJob.Result result = jobFor(anomaly).run(context);
      AnomalyInjection injection =
          new AnomalyInjection(
              anomaly,
              number,
              startedAt,
              wallClock.instant(),
              result.rowsAffected(),
              result.completed(),
              result.detail());
      injections.add(injection);
      LOG.info(injection.logLine());
      notifyListeners(injection);
      done.complete(injection);
    } catch (Throwable t) {
      LOG.warn("anomaly {} #{} failed: {}", anomaly, number, t.toString());
      done.completeExceptionally(t);
    }
  }

  private static AnomalyJob jobFor(Anomaly anomaly) {
    return switch (anomaly) {
      case PRICE_GLITCH -> new PriceGlitchJob();
      case RUNAWAY_DELETE -> new RunawayDeleteJob();
      case STOCK_DRAIN -> new StockDrainJob();
      case ORDER_SPIKE -> new OrderSpikeJob();
    };
  }

  private void notifyListeners(AnomalyInjection injection) {
    for (AnomalyListener listener : listeners) {
      try {
        listener.onInjected(injection);
      } catch (RuntimeException e) {
        LOG.warn("anomaly listener {} threw: {}", listener, e.toString());
      }
    }
  }

  /** Asks running anomalies to end after their current transaction and waits for them. */
  @Override
  public void close() {
    stop.stop();
    executor.shutdown();
    try {
      if (!executor.awaitTermination(config.closeTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("anomaly jobs still running after {}", config.closeTimeout());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

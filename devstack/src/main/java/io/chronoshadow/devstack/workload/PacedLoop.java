package io.chronoshadow.devstack.workload;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs steps at the rate the profile asks for, as Poisson arrivals: exponential gaps whose mean
 * follows the profile. Deadlines are absolute, so the time a transaction takes does not slow the
 * rate down; if the database cannot keep up, the backlog is dropped rather than replayed as a storm
 * once it recovers.
 */
final class PacedLoop implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(PacedLoop.class);
  private static final long MAX_LAG_NANOS = 1_000_000_000L;
  private static final long PACING_STREAM = 0x50414345L;

  private final RateProfile profile;
  private final VirtualClock clock;
  private final Runnable step;
  private final StopSignal stop;
  private final DeterministicRandom gaps;

  PacedLoop(
      RateProfile profile,
      VirtualClock clock,
      Runnable step,
      StopSignal stop,
      long seed,
      long runNumber) {
    this.profile = profile;
    this.clock = clock;
    this.step = step;
    this.stop = stop;
    this.gaps = DeterministicRandom.forCoordinates(seed, PACING_STREAM, runNumber);
  }

  @Override
  public void run() {
    long deadline = System.nanoTime();
    long droppedBacklogs = 0;
    while (!stop.isStopped()) {
      long wait = deadline - System.nanoTime();
      if (wait > 0) {
        if (!stop.pause(wait)) {
          break;
        }
      } else if (-wait > MAX_LAG_NANOS) {
        deadline = System.nanoTime();
        if (droppedBacklogs++ % 60 == 0) {
          LOG.warn(
              "workload is more than 1 s behind its rate profile ({} tx/s wanted); skipping ahead",
              String.format("%.1f", profile.ratePerSecond(clock.elapsed())));
        }
      }
      try {
        step.run();
      } catch (RuntimeException e) {
        // a bug in one step must not silently end the demo's traffic
        LOG.error("workload step failed unexpectedly; continuing", e);
      }
      double rate = profile.ratePerSecond(clock.elapsed());
      deadline += (long) (gaps.nextExponential(1.0 / rate) * 1e9);
    }
  }
}

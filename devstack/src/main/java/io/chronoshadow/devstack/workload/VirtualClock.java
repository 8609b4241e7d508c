package io.chronoshadow.devstack.workload;

import java.time.Duration;

/** Virtual time of the rate profile: wall time elapsed since the workload first started. */
final class VirtualClock {

  private volatile long originNanos = Long.MIN_VALUE;

  /** Fixes the origin on the first call; later calls (restarts) keep the day going. */
  synchronized void startIfNeeded() {
    if (originNanos == Long.MIN_VALUE) {
      originNanos = System.nanoTime();
    }
  }

  Duration elapsed() {
    long origin = originNanos;
    return origin == Long.MIN_VALUE ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - origin);
  }
}

package io.chronoshadow.devstack.workload;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A stop request that also wakes sleepers. Waiting threads are never interrupted: an interrupt that
 * lands inside a JDBC call can leave a connection in an unknown state, so stopping is always
 * cooperative, between transactions.
 */
final class StopSignal {

  private final CountDownLatch stopped = new CountDownLatch(1);

  void stop() {
    stopped.countDown();
  }

  boolean isStopped() {
    return stopped.getCount() == 0;
  }

  /**
   * Sleeps up to {@code nanos}, returning early if stopped.
   *
   * @return true if the caller should go on, false if stop was requested
   */
  boolean pause(long nanos) {
    if (nanos <= 0) {
      return !isStopped();
    }
    try {
      return !stopped.await(nanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}

package io.chronoshadow.shadow.dependency;

import java.time.Duration;

/**
 * Waits between attempts on an unavailable dependency: doubling from {@link #INITIAL} up to {@link
 * #MAX}. The cap is what bounds recovery: once the dependency is back, the next attempt starts
 * within {@link #MAX} (plus the failing attempt still running), well inside the 10 s the README
 * promises; a longer cap would save little load and cost that promise. Not thread-safe: one per
 * stream thread.
 */
public final class RetryBackoff {

  public static final Duration INITIAL = Duration.ofMillis(250);
  public static final Duration MAX = Duration.ofSeconds(2);

  private Duration next = INITIAL;

  /** The pause before the next attempt; each call doubles the following one, up to the cap. */
  public Duration next() {
    Duration pause = next;
    Duration doubled = next.multipliedBy(2);
    next = doubled.compareTo(MAX) > 0 ? MAX : doubled;
    return pause;
  }

  public void reset() {
    next = INITIAL;
  }
}

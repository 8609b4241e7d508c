package io.chronoshadow.console.http;

import java.time.Duration;

/**
 * What the expensive queries (forecasts, point-in-time reads, diffs, key history, Granger, impact)
 * may take of the console, so that they cannot starve the cheap ones: at most {@code maxConcurrent}
 * run at once on their own worker pool, at most {@code maxPerClient} of them per client address
 * (more: 429), and each must start answering within {@code deadline} (else 503).
 *
 * @param maxConcurrent expensive queries running at once, process-wide
 * @param maxPerClient expensive queries running at once for one client address
 * @param deadline time from arrival until the answer starts, waiting for a worker included
 */
public record QueryBudget(int maxConcurrent, int maxPerClient, Duration deadline) {

  public static final QueryBudget DEFAULTS = new QueryBudget(4, 2, Duration.ofSeconds(30));

  public QueryBudget {
    if (maxConcurrent < 1 || maxPerClient < 1) {
      throw new IllegalArgumentException("query concurrency limits must be positive");
    }
    if (deadline == null || deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("the query deadline must be positive");
    }
  }
}

package io.chronoshadow.console.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the expensive routes within the {@link QueryBudget}: a per-client count (over: 429 with
 * Retry-After), a process-wide pool of workers (none free before the deadline: 503), and a deadline
 * for the answer to start (passed: 503, and the worker is interrupted and cut off from the
 * request). A worker's permits are held until its work really ends, even after its request was
 * answered, so a runaway query keeps counting against its client and the pool instead of piling up
 * behind them; the cheap routes never touch this pool and keep answering.
 */
final class ExpensiveQueries implements AutoCloseable {

  static final String RETRY_AFTER_SECONDS = "1";

  private final QueryBudget budget;
  private final Semaphore workers;
  private final ExecutorService pool;
  private final ConcurrentHashMap<String, Integer> perClient = new ConcurrentHashMap<>();

  ExpensiveQueries(QueryBudget budget) {
    this.budget = budget;
    this.workers = new Semaphore(budget.maxConcurrent());
    AtomicInteger n = new AtomicInteger();
    this.pool =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "console-query-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  void run(Handler handler, Context ctx) throws Exception {
    long deadline = System.nanoTime() + budget.deadline().toNanos();
    String client = ctx.ip();
    if (perClient.merge(client, 1, Integer::sum) > budget.maxPerClient()) {
      release(client);
      ctx.header("Retry-After", RETRY_AFTER_SECONDS);
      throw new ApiError(
          429,
          "too_many_queries",
          "at most "
              + budget.maxPerClient()
              + " expensive queries (forecasts, reads, diffs, history) may run at once per"
              + " client; retry when one has finished",
          null);
    }
    boolean submitted = false;
    try {
      if (!workers.tryAcquire(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
        ctx.header("Retry-After", RETRY_AFTER_SECONDS);
        throw new ApiError(
            503,
            "busy",
            "all "
                + budget.maxConcurrent()
                + " workers for expensive queries stayed busy for the "
                + budget.deadline().toMillis()
                + " ms deadline; retry shortly",
            null);
      }
      GuardedContext guard = GuardedContext.of(ctx);
      Context proxy = guard.proxy();
      Future<Void> work;
      try {
        work =
            pool.submit(
                () -> {
                  try {
                    handler.handle(proxy);
                    return null;
                  } finally {
                    workers.release();
                    release(client);
                  }
                });
      } catch (RuntimeException e) {
        workers.release();
        throw e;
      }
      submitted = true;
      await(work, guard, deadline);
    } finally {
      if (!submitted) {
        release(client);
      }
    }
  }

  private void await(Future<Void> work, GuardedContext guard, long deadline) throws Exception {
    try {
      work.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException late) {
      if (guard.abandonUnlessCommitted()) {
        work.cancel(true);
        throw new ApiError(
            503,
            "deadline_exceeded",
            "the query did not answer within its "
                + budget.deadline().toMillis()
                + " ms deadline (chrono.console.queries.deadline); ask for less: a nearer"
                + " horizon, closer shadows, a smaller page",
            null);
      }
      join(work); // an answer already streaming is the worker's to finish
    } catch (ExecutionException e) {
      throw unwrap(e);
    }
  }

  private static void join(Future<Void> work) throws Exception {
    try {
      work.get();
    } catch (ExecutionException e) {
      throw unwrap(e);
    }
  }

  private static Exception unwrap(ExecutionException e) {
    Throwable cause = e.getCause();
    if (cause instanceof Error error) {
      throw error;
    }
    return cause instanceof Exception ex ? ex : e;
  }

  private void release(String client) {
    perClient.computeIfPresent(client, (c, n) -> n <= 1 ? null : n - 1);
  }

  /** Expensive queries running for {@code client} now (their work, not their requests). */
  int running(String client) {
    return perClient.getOrDefault(client, 0);
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}

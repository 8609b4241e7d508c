package io.chronoshadow.shadow.topology;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * Where a processor's shadow commits run. In the app, on a thread of their own, so that the stream
 * thread goes on reading and netting input while the object store and catalog work (a commit of
 * 20,000 rows took the stream thread 0.5–2 s). Under a test driver, inline: a test then sees each
 * shadow committed by the record that made it due, as it would with no thread at all.
 */
public interface CommitRunner {

  <T> Future<T> submit(Callable<T> task);

  void shutdown();

  /** One daemon thread per processor, named after the group. */
  static CommitRunner background(String group) {
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "shadow-commit-" + group);
              t.setDaemon(true);
              return t;
            });
    return new CommitRunner() {
      @Override
      public <T> Future<T> submit(Callable<T> task) {
        return executor.submit(task);
      }

      @Override
      public void shutdown() {
        executor.shutdown();
      }
    };
  }

  /** Runs each commit in the calling thread, before {@code submit} returns. */
  CommitRunner INLINE =
      new CommitRunner() {
        @Override
        public <T> Future<T> submit(Callable<T> task) {
          FutureTask<T> run = new FutureTask<>(task);
          run.run();
          return run;
        }

        @Override
        public void shutdown() {}
      };
}

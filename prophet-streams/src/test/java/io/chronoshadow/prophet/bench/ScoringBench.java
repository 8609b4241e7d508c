package io.chronoshadow.prophet.bench;

import io.chronoshadow.prophet.anomaly.AnomalyDetector;
import io.chronoshadow.prophet.anomaly.DetectorConfig;
import io.chronoshadow.prophet.anomaly.ModelChoice;
import io.chronoshadow.prophet.eval.Table;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

/**
 * Scoring benchmark (run on demand, not a test): N series × S scored steps on one thread, the way
 * the streams task will drive it (each step, every series once).
 *
 * <p>Latency: every {@code observe} call (forecast, score, model update, and the occasional refit
 * that falls in the window) is timed individually with {@code System.nanoTime}, so the percentiles
 * are per series per step, not a batch average; the batch mean is printed beside them.
 *
 * <p>Memory: heap used after full GCs once all detectors are warm, minus a baseline taken after
 * full GCs in the same run just before they were created, per 1,000 series.
 *
 * <pre>
 *   java -cp TEST_AND_MAIN_CLASSES:commons-math3.jar io.chronoshadow.prophet.bench.ScoringBench \
 *       [series=10000] [steps=200] [model=auto|snaive|hw|hw-damped|hw-robust|hw-damped-robust]
 * </pre>
 */
public final class ScoringBench {
  private static final int PERIOD = 24;
  private static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
  private static final Duration STEP = Duration.ofHours(1);

  private ScoringBench() {}

  public static void main(String[] args) {
    int seriesCount = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int steps = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    String modelName = args.length > 2 ? args[2] : "auto";
    ModelChoice model = choice(modelName);

    System.out.printf(
        Locale.ROOT,
        "ScoringBench: %,d series, %d scored steps each, period %d, model %s, java %s%n",
        seriesCount,
        steps,
        PERIOD,
        modelName,
        System.getProperty("java.version"));

    // JIT warm-up on throwaway detectors (not measured).
    run(detectors(500, model, 1_000_000), 0, config(0, model).warmupSteps() + 300, null);

    long[] latencies = new long[seriesCount * steps];
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long baseline = usedAfterGc(memory);

    long setupStart = System.nanoTime();
    AnomalyDetector[] detectors = detectors(seriesCount, model, 0);
    int warmup = config(0, model).warmupSteps();
    run(detectors, 0, warmup, null);
    double setupSeconds = (System.nanoTime() - setupStart) / 1e9;
    long warm = usedAfterGc(memory);

    long gcCountBefore = gcCount();
    long gcMillisBefore = gcMillis();
    long scoreStart = System.nanoTime();
    long[] alarms = run(detectors, warmup, warmup + steps, latencies);
    double scoreSeconds = (System.nanoTime() - scoreStart) / 1e9;
    long gcCount = gcCount() - gcCountBefore;
    long gcMillis = gcMillis() - gcMillisBefore;
    long after = usedAfterGc(memory);

    Arrays.sort(latencies);
    Table table = new Table(java.util.List.of("measure", "value"));
    table.row("series × scored steps", String.format(Locale.ROOT, "%,d", latencies.length));
    table.row("warm-up (fit/select) per series, ms", setupSeconds * 1e3 / seriesCount);
    table.row("latency p50, µs", percentile(latencies, 0.50) / 1e3);
    table.row("latency p90, µs", percentile(latencies, 0.90) / 1e3);
    table.row("latency p99, µs", percentile(latencies, 0.99) / 1e3);
    table.row("latency p99.9, µs", percentile(latencies, 0.999) / 1e3);
    table.row("latency max, µs", latencies[latencies.length - 1] / 1e3);
    table.row("batch mean per series-step, µs", scoreSeconds * 1e6 / latencies.length);
    table.row("throughput, series-steps/s", latencies.length / scoreSeconds);
    table.row(
        "heap per 1,000 series after warm-up, MB", (warm - baseline) / 1e6 / (seriesCount / 1e3));
    table.row(
        "heap per 1,000 series after scoring, MB", (after - baseline) / 1e6 / (seriesCount / 1e3));
    table.row("GC pauses during scoring (count / total ms)", gcCount + " / " + gcMillis);
    table.row("alarms on injected spikes", alarms[0]);
    table.row("alarms elsewhere (false)", alarms[1]);
    System.out.print(table);
    // Keep the detectors reachable until after the last heap measurement.
    if (detectors.length == 0) {
      System.out.println();
    }
  }

  private static ModelChoice choice(String name) {
    return ModelChoice.named(name);
  }

  private static DetectorConfig config(int series, ModelChoice model) {
    return DetectorConfig.defaults("bench-" + series, "bench series " + series)
        .withPeriod(PERIOD)
        .withModel(model);
  }

  private static AnomalyDetector[] detectors(int count, ModelChoice model, int idOffset) {
    AnomalyDetector[] out = new AnomalyDetector[count];
    for (int i = 0; i < count; i++) {
      out[i] = new AnomalyDetector(config(idOffset + i, model));
    }
    return out;
  }

  /**
   * Steps [from, to) for every detector, step-major; records per-call nanos if asked. Returns the
   * alarms on injected spikes and elsewhere.
   */
  private static long[] run(AnomalyDetector[] detectors, int from, int to, long[] latencies) {
    long[] alarms = new long[2];
    int k = 0;
    for (int t = from; t < to; t++) {
      Instant time = START.plus(STEP.multipliedBy(t));
      for (int i = 0; i < detectors.length; i++) {
        double y = value(i, t);
        long begin = System.nanoTime();
        boolean alarm = detectors[i].observe(time, y).isAlarm();
        long elapsed = System.nanoTime() - begin;
        if (latencies != null) {
          latencies[k++] = elapsed;
        }
        if (alarm) {
          alarms[isSpike(i, t) ? 0 : 1]++;
        }
      }
    }
    return alarms;
  }

  /**
   * A deterministic synthetic value without per-series generator state (so the data itself takes no
   * heap): level, trend and daily season vary by series; hash-based Gaussian noise; a spike every
   * 500 steps on a few series.
   */
  static double value(int series, int t) {
    double level = 1_000 + (series % 97) * 100;
    double trend = ((series % 7) - 3) * 0.2;
    double amplitude = 50 + (series % 13) * 10;
    double noise = gaussian(series, t) * (5 + series % 5);
    double spike = isSpike(series, t) ? 200 : 0;
    return level + trend * t + amplitude * Math.sin(2 * Math.PI * t / PERIOD) + noise + spike;
  }

  private static boolean isSpike(int series, int t) {
    return series % 50 == 0 && t % 500 == 250;
  }

  private static long gcCount() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(b -> Math.max(0, b.getCollectionCount()))
        .sum();
  }

  private static long gcMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(b -> Math.max(0, b.getCollectionTime()))
        .sum();
  }

  private static double gaussian(int series, int t) {
    long h = mix(((long) series << 32) ^ t);
    double u1 = ((h >>> 11) + 1) / (double) (1L << 53);
    double u2 = (mix(h) >>> 11) / (double) (1L << 53);
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  private static double percentile(long[] sorted, double p) {
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  }

  private static long usedAfterGc(MemoryMXBean memory) {
    for (int i = 0; i < 3; i++) {
      System.gc();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}

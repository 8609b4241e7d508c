package io.chronoshadow.prophet.bench;

import io.chronoshadow.prophet.anomaly.AnomalyDetector;
import io.chronoshadow.prophet.engine.AnalysisSettings;
import io.chronoshadow.prophet.engine.ProphetEngine;
import io.chronoshadow.prophet.engine.SeriesStep;
import io.chronoshadow.prophet.engine.SeriesStore;
import io.chronoshadow.prophet.eval.Table;
import io.chronoshadow.prophet.features.MetricSample;
import io.chronoshadow.prophet.features.SeriesKey;
import io.chronoshadow.prophet.features.TableStats;
import io.chronoshadow.prophet.features.WatchRules;
import io.chronoshadow.prophet.series.MetricKind;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * What the prophet topology costs per series per step (run on demand, not a test): a group of T
 * tables × 5 metrics, one shadow per hourly step with a daily season, driven through {@link
 * ProphetEngine#onStats} exactly as the processor does (resampling, detection, a 12-step forecast
 * with quantiles), next to the bare {@link AnomalyDetector#observe} on the same values in the same
 * run — the baseline the ratios are against.
 *
 * <p>Store writes are discarded ({@code SeriesStore} no-op): in the topology they go to RocksDB
 * off-heap and its changelog, which this does not measure. Heap per 1,000 series is therefore the
 * engine's live state (resamplers, detectors, their models and residual windows).
 *
 * <pre>
 *   java -cp TEST_AND_MAIN_CLASSES:DEPENDENCIES io.chronoshadow.prophet.bench.EngineBench \
 *       [tables=2000] [steps=200]
 * </pre>
 */
public final class EngineBench {
  private static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
  private static final Duration STEP = Duration.ofHours(1);
  private static final int PERIOD = 24;
  private static final String[] METRICS = {"rows", "inserts", "updates", "deletes", "bytes"};

  private EngineBench() {}

  /** Discards every write: the bench measures the engine, not a store. */
  private static final class DiscardStore implements SeriesStore {
    @Override
    public void putMeta(String seriesId, byte[] meta) {}

    @Override
    public void putStep(
        String seriesId, long stepEndMillis, double value, double samplingVariance) {}

    @Override
    public void deleteStep(String seriesId, long stepEndMillis) {}

    @Override
    public void forEachMeta(BiConsumer<String, byte[]> action) {}

    @Override
    public void forEachStep(String seriesId, StepConsumer action) {}
  }

  public static void main(String[] args) {
    int tables = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int steps = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    AnalysisSettings settings =
        new AnalysisSettings(
            STEP,
            Map.of(),
            12,
            12,
            0.8,
            1008,
            PERIOD,
            48,
            "auto",
            false,
            false,
            Pattern.compile("id"),
            WatchRules.none());
    int warmup = settings.warmupSteps(STEP);
    int series = tables * METRICS.length;
    System.out.printf(
        Locale.ROOT,
        "EngineBench: %,d tables × %d metrics = %,d series, %d warm-up + %d measured hourly steps,"
            + " period %d, java %s%n",
        tables,
        METRICS.length,
        series,
        warmup,
        steps,
        PERIOD,
        System.getProperty("java.version"));

    // JIT warm-up on a small throwaway group (not measured).
    drive(new ProphetEngine(settings, new DiscardStore()), 50, warmup + 100, 0, null, null);

    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long baseline = usedAfterGc(memory);
    ProphetEngine engine = new ProphetEngine(settings, new DiscardStore());
    drive(engine, tables, warmup + 1, 0, null, null);
    long warm = usedAfterGc(memory);

    long[] engineLatency = new long[tables * steps];
    double[][] values = new double[series][steps];
    long start = System.nanoTime();
    drive(engine, tables, steps, warmup + 1, engineLatency, values);
    double engineSeconds = (System.nanoTime() - start) / 1e9;

    // Baseline: the bare detectors on the same resampled values, warmed the same way.
    long[] detectorLatency = new long[series * steps];
    AnomalyDetector[] detectors = new AnomalyDetector[series];
    ProphetEngine replay = new ProphetEngine(settings, new DiscardStore());
    double[][] warmValues = new double[series][warmup + 1];
    drive(replay, tables, warmup + 1, 0, null, warmValues);
    for (int s = 0; s < series; s++) {
      detectors[s] =
          new AnomalyDetector(settings.detector("s" + s, "s" + s, kind(s % METRICS.length), STEP));
      for (int i = 0; i < warmValues[s].length; i++) {
        detectors[s].observe(START.plus(STEP.multipliedBy(i + 1)), warmValues[s][i]);
      }
    }
    int n = 0;
    for (int i = 0; i < steps; i++) {
      Instant t = START.plus(STEP.multipliedBy(warmup + 2 + i));
      for (int s = 0; s < series; s++) {
        long t0 = System.nanoTime();
        detectors[s].observe(t, values[s][i]);
        detectorLatency[n++] = System.nanoTime() - t0;
      }
    }

    Arrays.sort(engineLatency);
    Arrays.sort(detectorLatency);
    Table table =
        new Table(List.of("measure", "engine (per series-step)", "bare detector", "ratio"));
    for (double q : new double[] {0.5, 0.9, 0.99, 0.999}) {
      double e = percentile(engineLatency, q) / 1e3;
      double d = percentile(detectorLatency, q) / 1e3;
      table.row("latency p" + q * 100 + ", µs", e, d, e / d);
    }
    table.row(
        "batch mean per series-step, µs", engineSeconds * 1e6 / ((double) series * steps), "", "");
    table.row("engine heap per 1,000 series, MB", (warm - baseline) / 1e6 / (series / 1e3), "", "");
    System.out.print(table);
    if (detectors.length < 0 || engine.seriesCount() < 0) {
      System.out.println();
    }
  }

  private static MetricKind kind(int metric) {
    return metric == 0 ? MetricKind.LEVEL : MetricKind.RATE;
  }

  /**
   * Feeds {@code shadows} hourly shadows (from shadow {@code offset}) of {@code tables} tables;
   * records per table record the latency divided over the series steps it completed, and the
   * resampled values per series.
   */
  private static void drive(
      ProphetEngine engine,
      int tables,
      int shadows,
      int offset,
      long[] latency,
      double[][] values) {
    int n = 0;
    for (int k = 0; k < shadows; k++) {
      int shadow = offset + k + 1;
      Instant cut = START.plus(STEP.multipliedBy(shadow));
      double daily = Math.sin(2 * Math.PI * shadow / PERIOD);
      for (int t = 0; t < tables; t++) {
        Random r = new Random(31L * shadow + t);
        String table = "s.t" + t;
        List<MetricSample> samples = new ArrayList<>(METRICS.length);
        double inserts = Math.max(0, 3600 * (2 + daily) + 200 * r.nextGaussian());
        samples.add(sample(table, 0, 1e5 + shadow * 7200.0 + 300 * r.nextGaussian()));
        samples.add(sample(table, 1, inserts));
        samples.add(sample(table, 2, Math.max(0, inserts / 2 + 100 * r.nextGaussian())));
        samples.add(sample(table, 3, Math.max(0, 100 + 20 * r.nextGaussian())));
        samples.add(sample(table, 4, Math.max(0, inserts * 120 + 5000 * r.nextGaussian())));
        long t0 = System.nanoTime();
        List<SeriesStep> out =
            engine.onStats(new TableStats("bench", table, "s" + shadow, cut, samples)).steps();
        long elapsed = System.nanoTime() - t0;
        for (SeriesStep step : out) {
          int metric = Arrays.asList(METRICS).indexOf(step.key().metric());
          if (values != null && k < values[0].length) {
            values[t * METRICS.length + metric][k] = step.verdict().observed();
          }
        }
        if (latency != null && !out.isEmpty()) {
          latency[n++] = elapsed / out.size();
        }
      }
    }
  }

  private static MetricSample sample(String table, int metric, double amount) {
    return new MetricSample(
        new SeriesKey("bench", table, METRICS[metric]), kind(metric), METRICS[metric], amount);
  }

  private static double percentile(long[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))];
  }

  private static long usedAfterGc(MemoryMXBean memory) {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}

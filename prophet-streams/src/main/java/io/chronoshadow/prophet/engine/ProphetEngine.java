package io.chronoshadow.prophet.engine;

import io.chronoshadow.prophet.anomaly.AnomalyDetector;
import io.chronoshadow.prophet.anomaly.AnomalyResult;
import io.chronoshadow.prophet.anomaly.Coverage;
import io.chronoshadow.prophet.anomaly.Thresholds;
import io.chronoshadow.prophet.features.ColumnProfile;
import io.chronoshadow.prophet.features.MetricSample;
import io.chronoshadow.prophet.features.SeriesRoles;
import io.chronoshadow.prophet.features.TableStats;
import io.chronoshadow.prophet.features.WatchDecision;
import io.chronoshadow.prophet.model.Forecaster;
import io.chronoshadow.prophet.model.Interval;
import io.chronoshadow.prophet.model.PredictiveDistribution;
import io.chronoshadow.prophet.series.ResampledPoint;
import io.chronoshadow.prophet.series.Resampler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-series analysis behind the prophet topology, free of Kafka: shadow statistics in,
 * completed analysis steps (verdicts and forecasts) out, with every piece of state written through
 * a {@link SeriesStore}.
 *
 * <h2>Series and steps</h2>
 *
 * Each (group, table, metric) is a series with a resampler on its group's analysis step (epoch
 * aligned; see {@code Resampler} for how uneven shadows and gaps become regular steps). A rate
 * metric's figure is divided by the time since the table's previous shadow; the first shadow of a
 * table only anchors its rates. Every completed step goes to the series' {@link AnomalyDetector}
 * (missing steps as NaN) and, once the detector is warm, its model forecasts {@code horizon} steps.
 *
 * <h2>Idle series and the group clock</h2>
 *
 * A stats record at cut {@code T} proves that the group's shadows have reached {@code T}: the
 * table's own series are advanced to {@code T}, the other series of the group to {@code T − 1 ms}
 * (their own record for the same shadow may still follow) — once, at the shadow's first record, so
 * a shadow costs O(series of the group), not O(tables × series). So a series without samples (a
 * column nothing wrote to, a table whose shadows stopped) still gets its steps, as missing. A group
 * with no shadows at all produces no steps until its next shadow: an empty bucket is not cut, and
 * the shadow that ends an idle stretch covers it (its rates spread over it if the stretch is within
 * {@code maxCarrySteps}, missing beyond). This relies on the stats topic's order: one partition, as
 * shadow-streams creates it.
 *
 * <h2>Watched series</h2>
 *
 * Every series is analysed, but only those {@link SeriesRoles} watches raise alarms; the others'
 * anomalies are published as INFO. A column mean's decision rests on what its shadows showed so far
 * (kept with the series, see {@code ColumnProfile}), so it is made again at each alarm.
 *
 * <h2>Restart</h2>
 *
 * The store keeps per series its resampler's exact state and its last {@code historySteps}
 * resampled values. {@link #restore} rebuilds each detector by replaying that history (verdicts
 * discarded, so nothing is re-alarmed). While a series' history is shorter than the bound the
 * rebuilt detector is exactly the one that was lost; beyond it, it is the detector that the last
 * {@code historySteps} steps produce — warm (the bound is at least the warm-up) and fitted on the
 * same recent data, but not bit-identical.
 */
public final class ProphetEngine {

  /** The quantiles every forecast step carries. */
  public static final double[] QUANTILES = {0.05, 0.1, 0.5, 0.9, 0.95};

  private static final Logger LOG = LoggerFactory.getLogger(ProphetEngine.class);

  private final AnalysisSettings settings;
  private final SeriesStore store;
  private final LearnedHook learned;
  private final Map<String, SeriesRuntime> series = new HashMap<>();
  private final Map<String, List<SeriesRuntime>> byGroup = new HashMap<>();
  private final Map<String, List<SeriesRuntime>> byTable = new HashMap<>();
  private final Map<String, Long> groupClock = new HashMap<>();
  private final Map<String, Long> lastCutByTable = new HashMap<>();
  private int warmCount;

  public ProphetEngine(AnalysisSettings settings, SeriesStore store) {
    this(settings, store, LearnedHook.NONE);
  }

  /** With learned models: where one serves a series, its verdict and forecast are published. */
  public ProphetEngine(AnalysisSettings settings, SeriesStore store, LearnedHook learned) {
    this.settings = settings;
    this.store = store;
    this.learned = learned;
  }

  /** Figures of a {@link #restore}. */
  public record RestoreSummary(int series, long steps, long millis) {}

  /** Rebuilds every series from the store (see the class comment); call once before use. */
  public RestoreSummary restore() {
    long start = System.nanoTime();
    series.clear();
    byGroup.clear();
    byTable.clear();
    groupClock.clear();
    lastCutByTable.clear();
    warmCount = 0;
    long[] steps = {0};
    store.forEachMeta(
        (id, bytes) -> {
          SeriesMeta meta = SeriesMeta.decode(bytes);
          Duration step = Duration.ofMillis(meta.resampler().stepMillis());
          SeriesRuntime s =
              new SeriesRuntime(
                  meta.key(),
                  meta.displayName(),
                  meta.resampler().kind(),
                  step,
                  Resampler.restore(meta.resampler()),
                  new AnomalyDetector(
                      settings.detector(id, meta.displayName(), meta.resampler().kind(), step)));
          s.firstStoredStep = meta.firstStoredStep();
          s.storedSteps = meta.storedSteps();
          s.column = meta.column();
          s.samplingVariance = meta.samplingVariance();
          store.forEachStepWithVariance(
              id,
              (time, value, variance) -> {
                s.detector.observe(Instant.ofEpochMilli(time), value, variance);
                steps[0]++;
              });
          s.warm = s.detector.forecaster().isPresent();
          warmCount += s.warm ? 1 : 0;
          register(s);
          lastCutByTable.merge(tableKey(s), s.lastObservation(), Math::max);
          groupClock.merge(s.key.group(), s.lastObservation(), Math::max);
        });
    long millis = (System.nanoTime() - start) / 1_000_000;
    return new RestoreSummary(series.size(), steps[0], millis);
  }

  /** Applies one table's statistics of one shadow; returns the steps it completed. */
  public StatsOutcome onStats(TableStats stats) {
    long cut = stats.cutTime().toEpochMilli();
    String table = stats.group() + "/" + stats.table();
    Long lastCut = lastCutByTable.get(table);
    if (lastCut != null && cut <= lastCut) {
      return StatsOutcome.rejected(
          "cut "
              + stats.cutTime()
              + " of "
              + stats.shadowId()
              + " is not after the table's last cut "
              + Instant.ofEpochMilli(lastCut)
              + " (a replayed or out-of-order shadow)");
    }
    lastCutByTable.put(table, cut);
    Map<SeriesRuntime, List<PendingStep>> completed = new LinkedHashMap<>();
    for (MetricSample sample : stats.samples()) {
      SeriesRuntime s = series.get(sample.key().id());
      if (s == null) {
        s = create(sample);
      }
      double samplingVariance = s.samplingVariance;
      if (sample.column() != null) {
        s.column = s.column.plus(sample.column());
        samplingVariance = samplingVariance(s.column, sample.column().count());
      }
      // The steps this observation completes end before it and hold earlier observations (and
      // their sampling error); the step ending at this cut holds this one.
      List<PendingStep> points =
          PendingStep.of(
              s.resampler.append(stats.cutTime(), value(s, sample, cut)), s.samplingVariance);
      s.samplingVariance = samplingVariance;
      // Cuts of a table strictly increase (older ones are rejected above), so nothing at or
      // before this cut can follow: a level step ending exactly here is final now, not one
      // shadow later.
      points.addAll(PendingStep.of(s.resampler.advanceTo(stats.cutTime()), samplingVariance));
      completed.put(s, points);
    }
    for (SeriesRuntime s : byTable.getOrDefault(table, List.of())) {
      if (!completed.containsKey(s)) {
        advance(s, cut, completed);
      }
    }
    // Once per shadow of the group (its first record), not per record: O(series) per shadow.
    if (cut > groupClock.getOrDefault(stats.group(), Long.MIN_VALUE)) {
      groupClock.put(stats.group(), cut);
      for (SeriesRuntime s : byGroup.getOrDefault(stats.group(), List.of())) {
        if (!s.key.table().equals(stats.table())) {
          advance(s, cut - 1, completed);
        }
      }
    }
    List<SeriesStep> out = new ArrayList<>();
    completed.forEach(
        (s, points) -> {
          for (PendingStep p : points) {
            out.add(step(s, p.point(), p.samplingVariance()));
          }
          store.putMeta(s.key.id(), s.meta().encode());
        });
    return new StatsOutcome(out, null);
  }

  private static void advance(
      SeriesRuntime s, long watermark, Map<SeriesRuntime, List<PendingStep>> completed) {
    List<ResampledPoint> points = s.resampler.advanceTo(Instant.ofEpochMilli(watermark));
    if (!points.isEmpty()) {
      completed.put(s, PendingStep.of(points, s.samplingVariance));
    }
  }

  /** A completed step and the sampling variance of the observation it holds. */
  private record PendingStep(ResampledPoint point, double samplingVariance) {
    static List<PendingStep> of(List<ResampledPoint> points, double samplingVariance) {
      List<PendingStep> out = new ArrayList<>(points.size() + 1);
      for (ResampledPoint p : points) {
        out.add(new PendingStep(p, samplingVariance));
      }
      return out;
    }
  }

  /**
   * The squared standard error of a shadow's mean over {@code rows} values: the column's spread
   * over every value written so far (steadier than the shadow's own, which a shadow of one or two
   * rows cannot estimate) over the rows. 0 when the writer reported no sums of squares.
   */
  static double samplingVariance(ColumnProfile column, long rows) {
    double sd = column.standardDeviation();
    return rows > 0 && Double.isFinite(sd) ? sd * sd / rows : 0;
  }

  /** The series' empirical interval coverage, by id (for tests and metrics). */
  public Map<String, Coverage> coverage() {
    Map<String, Coverage> out = new java.util.TreeMap<>();
    series.forEach((id, s) -> out.put(id, s.detector.coverage()));
    return out;
  }

  /** The number of series known. */
  public int seriesCount() {
    return series.size();
  }

  /** The number of series past their warm-up (forecasting and scoring). */
  public int warmSeriesCount() {
    return warmCount;
  }

  private double value(SeriesRuntime s, MetricSample sample, long cut) {
    return switch (s.kind) {
      case LEVEL -> sample.amount();
      case RATE -> {
        long previous = s.lastObservation();
        // The first shadow only anchors the interval; its value is not used.
        yield previous == Long.MIN_VALUE ? 0 : sample.amount() * 1000.0 / (cut - previous);
      }
    };
  }

  private SeriesRuntime create(MetricSample sample) {
    String group = sample.key().group();
    Duration step = settings.step(group);
    SeriesRuntime s =
        new SeriesRuntime(
            sample.key(),
            sample.displayName(),
            sample.kind(),
            step,
            Resampler.epochAligned(sample.kind(), step, settings.maxCarrySteps()),
            new AnomalyDetector(
                settings.detector(sample.key().id(), sample.displayName(), sample.kind(), step)));
    register(s);
    LOG.debug(
        "series {}: new ({}, step {}, warm-up {} steps)",
        s.key,
        s.kind,
        step,
        s.detector.config().warmupSteps());
    return s;
  }

  private void register(SeriesRuntime s) {
    series.put(s.key.id(), s);
    byGroup.computeIfAbsent(s.key.group(), g -> new ArrayList<>()).add(s);
    byTable.computeIfAbsent(tableKey(s), t -> new ArrayList<>()).add(s);
  }

  private SeriesStep step(SeriesRuntime s, ResampledPoint p, double samplingVariance) {
    long time = p.time().toEpochMilli();
    store.putStep(s.key.id(), time, p.value(), samplingVariance);
    if (s.storedSteps == 0) {
      s.firstStoredStep = time;
    }
    s.storedSteps++;
    if (s.storedSteps > settings.historySteps()) {
      store.deleteStep(s.key.id(), s.firstStoredStep);
      s.firstStoredStep += s.step.toMillis();
      s.storedSteps--;
    }
    AnomalyResult verdict =
        unlessUnwatched(s, s.detector.observe(p.time(), p.value(), samplingVariance));
    Forecaster model = s.detector.forecaster().orElse(null);
    if (model != null && !s.warm) {
      s.warm = true;
      warmCount++;
      LOG.info(
          "series {}: warm after {} steps, model {}", s.key, s.storedSteps, model.spec().name());
    }
    if (verdict.isAlarm()) {
      LOG.warn("anomaly {} {}: {}", verdict.severity(), s.key, verdict.explanation());
    }
    // The statistical detector always runs: it keeps the fallback warm and supplies the model a
    // learned one must beat.
    var fromLearned = learned.onStep(s.key, s.displayName, p.time(), p.value(), s.step, model);
    if (fromLearned.isPresent()) {
      LearnedHook.LearnedStep l = fromLearned.get();
      AnomalyResult learnedVerdict = unlessUnwatched(s, l.verdict());
      if (learnedVerdict.isAlarm() && !verdict.isAlarm()) {
        LOG.warn(
            "anomaly {} {}: {}", learnedVerdict.severity(), s.key, learnedVerdict.explanation());
      }
      return new SeriesStep(
          s.key, s.step, learnedVerdict, l.model(), settings.intervalLevel(), l.forecast());
    }
    List<ForecastPoint> forecast =
        model == null ? List.<ForecastPoint>of() : forecast(s.detector, model, p.time(), s.step);
    return new SeriesStep(
        s.key,
        s.step,
        verdict,
        model == null ? null : model.spec().name(),
        settings.intervalLevel(),
        forecast);
  }

  /**
   * An unwatched series' alarm is published as INFO: the series is still scored and forecast (the
   * future-state and impact queries cover every metric, and an include in the config takes effect
   * with a warm model), but it pages nobody.
   */
  private AnomalyResult unlessUnwatched(SeriesRuntime s, AnomalyResult verdict) {
    if (!verdict.isAlarm()) {
      return verdict;
    }
    WatchDecision watch = SeriesRoles.decide(s.key, s.column, settings.watch());
    if (watch.watched()) {
      return verdict;
    }
    LOG.debug("series {}: {} not alarmed: {}", s.key, verdict.severity(), watch.reason());
    return verdict.notAlarmed(watch.reason());
  }

  /**
   * The model's forecast with its spread rescaled to the detector's calibrated one-step sd: the
   * model's own intervals come from its in-sample error and know nothing of the sampling error of
   * means or the count floors, while the detector's are the ones whose coverage is measured out of
   * sample. The model still gives the shape: how the spread grows with the horizon and its
   * asymmetry (a seasonal naive's empirical quantiles).
   */
  private List<ForecastPoint> forecast(
      AnomalyDetector detector, Forecaster model, Instant origin, Duration step) {
    List<ForecastPoint> out = new ArrayList<>(settings.horizon());
    double modelSd = model.innovationSd();
    double z = Thresholds.scoreOfTail(1 - settings.intervalLevel());
    for (int h = 1; h <= settings.horizon(); h++) {
      PredictiveDistribution d = model.forecast(h);
      double point = d.point();
      double calibrated = detector.oneStepSd(point);
      boolean scalable = modelSd > 0 && Double.isFinite(modelSd) && Double.isFinite(calibrated);
      double k = scalable ? calibrated / modelSd : 1;
      double[] q = new double[QUANTILES.length];
      for (int i = 0; i < q.length; i++) {
        q[i] = point + (d.quantile(QUANTILES[i]) - point) * k;
      }
      Interval interval = d.interval(settings.intervalLevel());
      double lower = point + (interval.lower() - point) * k;
      double upper = point + (interval.upper() - point) * k;
      if (!(modelSd > 0) && Double.isFinite(calibrated)) {
        // A model that has seen no error yet (a flat history) has no shape to scale: normal.
        double half = z * calibrated * Math.sqrt(h);
        lower = point - half;
        upper = point + half;
        for (int i = 0; i < q.length; i++) {
          q[i] =
              point
                  - Thresholds.scoreOfTail(2 * Math.min(QUANTILES[i], 1 - QUANTILES[i]))
                      * Math.signum(0.5 - QUANTILES[i])
                      * calibrated
                      * Math.sqrt(h);
        }
      }
      out.add(new ForecastPoint(h, origin.plus(step.multipliedBy(h)), point, lower, upper, q));
    }
    return out;
  }

  private static String tableKey(SeriesRuntime s) {
    return s.key.group() + "/" + s.key.table();
  }
}

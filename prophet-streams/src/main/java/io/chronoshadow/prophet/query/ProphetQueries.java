package io.chronoshadow.prophet.query;

import io.chronoshadow.prophet.anomaly.AnomalyDetector;
import io.chronoshadow.prophet.causal.GrangerCausality;
import io.chronoshadow.prophet.causal.ImpactEstimate;
import io.chronoshadow.prophet.causal.InterventionImpact;
import io.chronoshadow.prophet.engine.AnalysisSettings;
import io.chronoshadow.prophet.engine.SeriesHistory;
import io.chronoshadow.prophet.engine.SeriesMeta;
import io.chronoshadow.prophet.features.SeriesRoles;
import io.chronoshadow.prophet.features.WatchDecision;
import io.chronoshadow.prophet.model.Forecaster;
import io.chronoshadow.prophet.model.ModelKind;
import io.chronoshadow.prophet.model.ModelSpec;
import io.chronoshadow.prophet.model.SeasonalityDetector;
import io.chronoshadow.prophet.predict.FutureStatePredictor;
import io.chronoshadow.prophet.predict.GroupForecast;
import io.chronoshadow.prophet.predict.SeriesState;
import io.chronoshadow.prophet.series.MetricKind;
import io.chronoshadow.prophet.series.RegularSeries;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The predictive questions the REST API asks, answered from the prophet's stores (the resampled
 * history of every series): the future state of a group, Granger causality between its series, and
 * the impact of an intervention. Models are rebuilt per question from the stored history, so
 * answers never disturb the live detectors.
 *
 * <p>{@code model} empty means the live choice: the history is replayed through the same detector
 * the topology runs (so anomalies it rejected stay out of the model), and its model answers. A
 * given family is instead fitted on the raw history with the configured (or detected) season.
 *
 * <p>Errors are {@link IllegalArgumentException}s (a bad argument: unknown series, a time before
 * the history) and {@link NoSuchElementException}s (no data for the group yet), each saying what to
 * change.
 */
public final class ProphetQueries {

  private static final DateTimeFormatter SHADOW_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'");

  private final SeriesHistory stores;
  private final AnalysisSettings settings;

  public ProphetQueries(SeriesHistory stores, AnalysisSettings settings) {
    this.stores = stores;
    this.settings = settings;
  }

  /** Every series of {@code group} with its history, by id. */
  public Map<String, StoredSeries> series(String group) {
    Map<String, StoredSeries> out = new TreeMap<>();
    stores.forEachMeta(
        (id, bytes) -> {
          SeriesMeta meta = SeriesMeta.decode(bytes);
          if (meta.key().group().equals(group) && meta.storedSteps() > 0) {
            out.put(id, new StoredSeries(meta, history(id, meta)));
          }
        });
    return out;
  }

  /**
   * Every series of {@code group}, by id, with whether the prophet alarms on it and why (see {@link
   * SeriesRoles}); empty for an unknown group.
   */
  public List<WatchedSeries> watched(String group) {
    Map<String, WatchedSeries> out = new TreeMap<>();
    stores.forEachMeta(
        (id, bytes) -> {
          SeriesMeta meta = SeriesMeta.decode(bytes);
          if (meta.key().group().equals(group)) {
            WatchDecision d = SeriesRoles.decide(meta.key(), meta.column(), settings.watch());
            out.put(
                id,
                new WatchedSeries(
                    id,
                    meta.key().table(),
                    meta.key().metric(),
                    d.watched(),
                    d.reason(),
                    meta.column().shadows(),
                    meta.coverage()));
          }
        });
    return List.copyOf(out.values());
  }

  /**
   * Every metric of every table of {@code group} at the step containing {@code at}, with p10, p50,
   * p90 and the central interval at {@code level}.
   */
  public GroupForecast predictFutureState(
      String group, Instant at, Optional<ModelKind> model, double level) {
    checkLevel(level);
    List<SeriesState> states = new ArrayList<>();
    for (StoredSeries s : nonEmpty(group).values()) {
      RegularSeries h = s.history();
      Instant last = h.timeAt(h.size() - 1);
      if (!at.isAfter(last)) {
        throw new IllegalArgumentException(
            at + " is not after the last analysed step of " + s.id() + " (" + last + ")");
      }
      states.add(new SeriesState(s.id(), last, h.step(), forecaster(s, model)));
    }
    return FutureStatePredictor.predictFutureState(group, states, at, level);
  }

  /**
   * As {@link #predictFutureState(String, Instant, Optional, double)}, {@code horizon} after now.
   */
  public GroupForecast predictFutureState(
      String group, Duration horizon, Optional<ModelKind> model, double level) {
    if (horizon.isNegative() || horizon.isZero()) {
      throw new IllegalArgumentException("horizon must be positive (was " + horizon + ")");
    }
    Instant last =
        nonEmpty(group).values().stream()
            .map(s -> s.history().timeAt(s.history().size() - 1))
            .max(Comparator.naturalOrder())
            .orElseThrow();
    return predictFutureState(group, last.plus(horizon), model, level);
  }

  /** As {@link #predictFutureState(String, Instant, Optional, double)}, at a shadow id's time. */
  public GroupForecast predictFutureState(
      String group, String shadowId, Optional<ModelKind> model, double level) {
    return predictFutureState(group, shadowTime(group, shadowId), model, level);
  }

  /**
   * Granger tests between the group's series (rate series as they are, level series differenced)
   * for lags 1..{@code maxLag}; a series with fewer than {@code 10 × maxLag} steps or no variation
   * is skipped.
   */
  public GrangerReport granger(String group, int maxLag) {
    if (maxLag < 1 || maxLag > 48) {
      throw new IllegalArgumentException("maxLag must be between 1 and 48 (was " + maxLag + ")");
    }
    Map<String, StoredSeries> all = nonEmpty(group);
    Map<String, double[]> usable = new TreeMap<>();
    Map<String, String> skipped = new TreeMap<>();
    Instant start =
        all.values().stream().map(s -> s.history().start()).max(Comparator.naturalOrder()).get();
    Instant end =
        all.values().stream()
            .map(s -> s.history().timeAt(s.history().size() - 1))
            .min(Comparator.naturalOrder())
            .get();
    for (StoredSeries s : all.values()) {
      double[] y = window(s.history(), start, end);
      if (s.meta().resampler().kind() == MetricKind.LEVEL) {
        y = GrangerCausality.difference(y);
      }
      if (y.length < 10 * maxLag) {
        skipped.put(s.id(), "only " + y.length + " common steps, need " + 10 * maxLag);
      } else if (constant(y)) {
        skipped.put(s.id(), "no variation");
      } else {
        usable.put(s.id(), y);
      }
    }
    List<GrangerPair> pairs = new ArrayList<>();
    for (Map.Entry<String, double[]> x : usable.entrySet()) {
      for (Map.Entry<String, double[]> y : usable.entrySet()) {
        if (x.getKey().equals(y.getKey())) {
          continue;
        }
        int n = Math.min(x.getValue().length, y.getValue().length);
        double[] xs = tail(x.getValue(), n);
        double[] ys = tail(y.getValue(), n);
        try {
          pairs.add(GrangerPair.of(x.getKey(), y.getKey(), GrangerCausality.test(xs, ys, maxLag)));
        } catch (RuntimeException singular) {
          // Collinear lags (e.g. two series that are copies): no test, not an error of the query.
        }
      }
    }
    pairs.sort(Comparator.comparingDouble(GrangerPair::pValue));
    return new GrangerReport(group, maxLag, pairs, skipped);
  }

  /**
   * The effect on {@code seriesId} of an intervention at {@code time}: the counterfactual forecast
   * from the steps before it and the observed difference, pointwise and cumulative, with intervals
   * at {@code level}.
   */
  public ImpactEstimate interventionImpact(
      String group, String seriesId, Instant time, Optional<ModelKind> model, double level) {
    checkLevel(level);
    StoredSeries s = nonEmpty(group).get(seriesId);
    if (s == null) {
      throw new IllegalArgumentException(
          "no series " + seriesId + " in group " + group + " (see series(group))");
    }
    RegularSeries h = s.history();
    int index = 0;
    while (index < h.size() && h.timeAt(index).isBefore(time)) {
      index++;
    }
    double[] y = h.toArray();
    ModelSpec spec =
        model.isPresent()
            ? model.get().spec(period(h.step(), Arrays.copyOf(y, Math.max(index, 1))))
            : liveModel(s, Arrays.copyOf(y, index)).spec();
    return InterventionImpact.estimate(h, index, spec, level);
  }

  /** The time a shadow id names; it must be one of {@code group}'s. */
  public static Instant shadowTime(String group, String shadowId) {
    String prefix = "shadow-" + group + "-";
    if (shadowId == null || !shadowId.startsWith(prefix)) {
      throw new IllegalArgumentException(
          "not a shadow of group " + group + ": " + shadowId + " (expected " + prefix + "…)");
    }
    try {
      return LocalDateTime.parse(shadowId.substring(prefix.length()), SHADOW_TIME)
          .toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "shadow id " + shadowId + " does not end in a time like 20260101T010000.000Z");
    }
  }

  private Forecaster forecaster(StoredSeries s, Optional<ModelKind> model) {
    double[] y = s.history().toArray();
    if (model.isEmpty()) {
      return liveModel(s, y);
    }
    ModelSpec spec = model.get().spec(period(s.history().step(), y));
    if (y.length < spec.minHistory()) {
      throw new IllegalArgumentException(
          s.id() + " has " + y.length + " steps, " + spec.name() + " needs " + spec.minHistory());
    }
    return spec.fit(y).forecaster();
  }

  /** The model the topology's detector has after these steps (replayed, so anomalies are out). */
  private Forecaster liveModel(StoredSeries s, double[] y) {
    RegularSeries h = s.history();
    AnomalyDetector detector =
        new AnomalyDetector(
            settings.detector(
                s.id(), s.meta().displayName(), s.meta().resampler().kind(), h.step()));
    double[] variance = new double[y.length];
    int[] n = {0};
    stores.forEachStepWithVariance(
        s.id(),
        (time, value, v) -> {
          if (n[0] < variance.length) {
            variance[n[0]++] = v;
          }
        });
    for (int i = 0; i < y.length; i++) {
      detector.observe(h.timeAt(i), y[i], variance[i]);
    }
    return detector
        .forecaster()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    s.id()
                        + " is still warming up ("
                        + y.length
                        + " of "
                        + detector.config().warmupSteps()
                        + " steps): name a model to fit one anyway"));
  }

  private int period(Duration step, double[] y) {
    if (settings.period() > 0) {
      return settings.period();
    }
    return SeasonalityDetector.forStep(step).detect(y);
  }

  private Map<String, StoredSeries> nonEmpty(String group) {
    Map<String, StoredSeries> all = series(group);
    if (all.isEmpty()) {
      throw new NoSuchElementException(
          "no analysed series in group " + group + " yet (no shadow statistics seen for it)");
    }
    return all;
  }

  private RegularSeries history(String id, SeriesMeta meta) {
    double[] values = new double[meta.storedSteps()];
    int[] n = {0};
    stores.forEachStep(
        id,
        (time, value) -> {
          if (n[0] < values.length) {
            values[n[0]++] = value;
          }
        });
    return new RegularSeries(
        Instant.ofEpochMilli(meta.firstStoredStep()),
        Duration.ofMillis(meta.resampler().stepMillis()),
        Arrays.copyOf(values, n[0]));
  }

  private static double[] window(RegularSeries h, Instant from, Instant to) {
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < h.size(); i++) {
      Instant t = h.timeAt(i);
      if (!t.isBefore(from) && !t.isAfter(to)) {
        out.add(h.value(i));
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double[] tail(double[] v, int n) {
    return Arrays.copyOfRange(v, v.length - n, v.length);
  }

  private static boolean constant(double[] y) {
    double first = Double.NaN;
    for (double v : y) {
      if (Double.isNaN(v)) {
        continue;
      }
      if (Double.isNaN(first)) {
        first = v;
      } else if (v != first) {
        return false;
      }
    }
    return true;
  }

  private static void checkLevel(double level) {
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException(
          "level must be strictly between 0 and 1 (was " + level + ")");
    }
  }
}

package io.chronoshadow.prophet.learn;

import io.chronoshadow.prophet.anomaly.AnomalyResult;
import io.chronoshadow.prophet.engine.ForecastPoint;
import io.chronoshadow.prophet.engine.LearnedHook;
import io.chronoshadow.prophet.features.SeriesKey;
import io.chronoshadow.prophet.model.Forecaster;
import io.chronoshadow.prophet.model.ModelSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learned models inside the prophet: the {@link LearnedHook} the engine calls on every step. It
 * keeps each series' recent steps in memory (for serving windows and training histories), scores
 * and forecasts a step with the learned model that serves the series, and asks the {@link
 * TrainingService} for a run on a schedule (every {@code retrainEverySteps} analysis steps of a
 * group, the first once enough history exists), on drift, and on request.
 *
 * <p>The recent steps are not in a state store: after a restart they refill as steps arrive, and
 * until a window is full again the statistical model answers for the series. Serving itself is
 * restored at start from the registry ({@link TrainingService#restore()}).
 */
public final class LearnedModels implements LearnedHook, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LearnedModels.class);
  private static final int MIN_TRAINING_WINDOWS = 16;

  private final LearningSettings settings;
  private final ServingModels serving;
  private final TrainingService training;
  private final LearnedScorer scorer;
  private final double intervalLevel;
  private final int keepSteps;
  private final Map<String, RecentSteps> recent = new HashMap<>();
  private final Map<String, ModelSpec> statisticalBySeries = new HashMap<>();
  private final Map<String, GroupClock> clocks = new HashMap<>();

  private static final class GroupClock {
    long lastStep = Long.MIN_VALUE;
    long steps;
    long trainedAtStep = Long.MIN_VALUE;
  }

  /**
   * @param keepSteps steps of history kept per series for training (at least what the first run
   *     needs)
   */
  public LearnedModels(
      LearningSettings settings,
      ServingModels serving,
      TrainingService training,
      double intervalLevel,
      int keepSteps) {
    this.settings = settings;
    this.serving = serving;
    this.training = training;
    this.intervalLevel = intervalLevel;
    this.keepSteps = Math.max(keepSteps, minHistorySteps());
    this.scorer =
        new LearnedScorer(
            serving,
            io.chronoshadow.prophet.anomaly.Thresholds.defaults(),
            settings,
            series -> requestTraining(groupOf(series), "drift in " + series));
  }

  /** Steps a series needs before it can take part in training and backtest. */
  public int minHistorySteps() {
    int needed = settings.window() + settings.horizon() + MIN_TRAINING_WINDOWS;
    return (int) Math.ceil(needed / (1 - settings.backtestFraction())) + settings.horizon();
  }

  @Override
  public synchronized Optional<LearnedStep> onStep(
      SeriesKey key,
      String displayName,
      Instant time,
      double value,
      Duration step,
      Forecaster statistical) {
    String id = key.id();
    long index = Math.floorDiv(time.toEpochMilli(), step.toMillis());
    int period = statistical == null ? 1 : Math.max(1, statistical.period());
    if (statistical != null) {
      statisticalBySeries.put(id, statistical.spec());
    }
    RecentSteps steps = recent.computeIfAbsent(id, k -> new RecentSteps(keepSteps));
    Optional<AnomalyResult> verdict = Optional.empty();
    if (serving.servingFor(id).isPresent() && steps.size() >= settings.window()) {
      verdict = scorer.score(steps.history(id, period), displayName, time, value);
    }
    steps.append(index, value);
    tick(key.group(), index);
    if (verdict.isEmpty()) {
      return Optional.empty();
    }
    Optional<QuantileForecast> forecast;
    try {
      forecast = serving.forecast(steps.history(id, period));
    } catch (IllegalArgumentException missingInWindow) {
      return Optional.empty();
    }
    Optional<ServingModels.Serving> model = serving.servingFor(id);
    if (forecast.isEmpty() || model.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new LearnedStep(
            verdict.get(), model.get().version().id(), points(forecast.get(), time, step)));
  }

  /**
   * Asks for a training run of the group now (the REST trigger, drift); returns the run, or empty
   * if no series of the group has enough history yet.
   */
  public synchronized Optional<CompletableFuture<TrainingService.Outcome>> requestTraining(
      String group, String reason) {
    List<SeriesHistory> histories = new ArrayList<>();
    Map<String, ModelSpec> rivals = new HashMap<>();
    int needed = minHistorySteps();
    recent.forEach(
        (id, steps) -> {
          ModelSpec rival = statisticalBySeries.get(id);
          if (groupOf(id).equals(group) && rival != null && steps.size() >= needed) {
            histories.add(steps.history(id, Math.max(1, rival.period())));
            rivals.put(id, rival);
          }
        });
    if (histories.isEmpty()) {
      LOG.info(
          "no training for group {} ({}): no series has {} steps of history yet",
          group,
          reason,
          needed);
      return Optional.empty();
    }
    GroupClock clock = clocks.computeIfAbsent(group, g -> new GroupClock());
    clock.trainedAtStep = clock.steps;
    return Optional.of(training.requestTraining(group, histories, rivals, reason));
  }

  public ServingModels serving() {
    return serving;
  }

  public TrainingService training() {
    return training;
  }

  public LearningSettings settings() {
    return settings;
  }

  private void tick(String group, long index) {
    GroupClock clock = clocks.computeIfAbsent(group, g -> new GroupClock());
    if (index <= clock.lastStep) {
      return;
    }
    clock.lastStep = index;
    clock.steps++;
    boolean firstRun = clock.trainedAtStep == Long.MIN_VALUE && mostSeriesReady(group);
    boolean scheduled =
        clock.trainedAtStep != Long.MIN_VALUE
            && clock.steps - clock.trainedAtStep >= settings.retrainEverySteps();
    if ((firstRun || scheduled) && !training.isTraining(group)) {
      requestTraining(group, firstRun ? "first training" : "schedule");
    }
  }

  /**
   * The first run waits until at least half of the group's series have the history to take part:
   * series appear over time (a column's mean only once something writes it), and a run on the first
   * few would leave the rest to the schedule, a long time later.
   */
  private boolean mostSeriesReady(String group) {
    int needed = minHistorySteps();
    int total = 0;
    int ready = 0;
    for (Map.Entry<String, RecentSteps> e : recent.entrySet()) {
      if (groupOf(e.getKey()).equals(group)) {
        total++;
        if (e.getValue().size() >= needed && statisticalBySeries.containsKey(e.getKey())) {
          ready++;
        }
      }
    }
    return ready > 0 && 2 * ready >= total;
  }

  private List<ForecastPoint> points(QuantileForecast f, Instant origin, Duration step) {
    double lowLevel = (1 - intervalLevel) / 2;
    double highLevel = (1 + intervalLevel) / 2;
    List<ForecastPoint> out = new ArrayList<>(f.horizon());
    for (int h = 1; h <= f.horizon(); h++) {
      out.add(
          new ForecastPoint(
              h,
              origin.plus(step.multipliedBy(h)),
              f.point(h),
              quantileOr(f, h, lowLevel, f.lowest(h)),
              quantileOr(f, h, highLevel, f.highest(h)),
              f.values()[h - 1]));
    }
    return out;
  }

  private static double quantileOr(QuantileForecast f, int h, double level, double fallback) {
    for (double l : f.levels()) {
      if (Math.abs(l - level) < 1e-9) {
        return f.quantile(h, l);
      }
    }
    return fallback;
  }

  private static String groupOf(String seriesId) {
    int slash = seriesId.indexOf('/');
    return slash < 0 ? seriesId : seriesId.substring(0, slash);
  }

  @Override
  public void close() {
    training.close();
    serving.close();
  }

  /** The last {@code capacity} steps of one series, contiguous (a skipped step is NaN). */
  private static final class RecentSteps {
    private final double[] ring;
    private long firstIndex;
    private int size;

    RecentSteps(int capacity) {
      this.ring = new double[capacity];
    }

    int size() {
      return size;
    }

    void append(long index, double value) {
      if (size > 0) {
        long next = firstIndex + size;
        if (index < next) {
          return; // a step already seen (a replay): keep the first
        }
        if (index - next >= ring.length) {
          size = 0; // a gap longer than the ring: nothing kept is contiguous with this step
        } else {
          for (long missing = next; missing < index; missing++) {
            push(Double.NaN);
          }
        }
      }
      if (size == 0) {
        firstIndex = index;
      }
      push(value);
    }

    private void push(double value) {
      if (size == ring.length) {
        firstIndex++;
        size--;
      }
      ring[(int) Math.floorMod(firstIndex + size, (long) ring.length)] = value;
      size++;
    }

    SeriesHistory history(String id, int period) {
      double[] values = new double[size];
      for (int i = 0; i < size; i++) {
        values[i] = ring[(int) Math.floorMod(firstIndex + i, (long) ring.length)];
      }
      return new SeriesHistory(id, values, firstIndex, period);
    }
  }
}

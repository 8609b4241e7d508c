package io.chronoshadow.prophet.learn;

import io.chronoshadow.prophet.model.ModelSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training lifecycle of learned models: trains on a background thread (never on the caller's,
 * which is a stream thread), backtests each candidate against each series' statistical model,
 * stores the files of every version in the object store and its record in the registry topic, and
 * hot-swaps what serves each series — only where the learned model won its backtest. Until a model
 * exists, or while one trains, the statistical models serve.
 *
 * <p>One run per group at a time: asking again while a run is queued or busy returns that run.
 */
public final class TrainingService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TrainingService.class);

  /** What one run produced: every version it registered (serving or not). */
  public record Outcome(String group, List<ModelVersion> versions) {
    public List<String> servedSeries() {
      return versions.stream().flatMap(v -> v.servedSeries().stream()).distinct().toList();
    }
  }

  private final LearningSettings settings;
  private final S3ModelStore store;
  private final ModelRegistry registry;
  private final ServingModels serving;
  private final Path workDir;
  private final Clock clock;
  private final ExecutorService trainer;
  private final Map<String, CompletableFuture<Outcome>> running = new ConcurrentHashMap<>();
  private final Map<String, Long> lastVersion = new ConcurrentHashMap<>();

  public TrainingService(
      LearningSettings settings,
      S3ModelStore store,
      ModelRegistry registry,
      ServingModels serving,
      Path workDir,
      Clock clock) {
    this.settings = settings;
    this.store = store;
    this.registry = registry;
    this.serving = serving;
    this.workDir = workDir;
    this.clock = clock;
    this.trainer =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "chrono-model-training");
              t.setDaemon(true);
              t.setPriority(Thread.MIN_PRIORITY);
              return t;
            });
  }

  /**
   * Restores serving from the registry: for every group and family, the newest version that serves
   * anything is fetched from the object store and deployed (older first, so newer versions win a
   * series both claim). Returns the versions deployed.
   */
  public List<ModelVersion> restore() throws IOException {
    List<ModelVersion> all = registry.versions();
    Map<String, ModelVersion> newest = new HashMap<>();
    for (ModelVersion v : all) {
      lastVersion.merge(v.group() + "/" + v.architecture().label(), v.version(), Math::max);
      if (!v.servedSeries().isEmpty()) {
        newest.merge(
            v.group() + "/" + v.architecture().label(),
            v,
            (a, b) -> a.version() >= b.version() ? a : b);
      }
    }
    List<ModelVersion> deployed = new ArrayList<>(newest.values());
    deployed.sort(Comparator.comparing(ModelVersion::createdAt));
    List<ModelVersion> restored = new ArrayList<>();
    for (ModelVersion v : deployed) {
      Path dir = Files.createTempDirectory(workDir, "restore-");
      store.fetch(v.location(), dir);
      LearnedForecaster forecaster;
      try {
        forecaster = ModelFiles.load(dir, v.id());
      } catch (IOException olderFormat) {
        // one unloadable version must not keep the others from serving; its series stay with
        // their statistical model until the group's next training
        LOG.warn("not restoring {}: {}", v.id(), olderFormat.getMessage());
        deleteTree(dir);
        continue;
      }
      serving.deploy(v, forecaster, backtestMases(v));
      deleteTree(dir);
      restored.add(v);
    }
    LOG.info("restored {} serving model version(s) from {}", restored.size(), registry.topic());
    return restored;
  }

  /**
   * Queues a training run for {@code group} unless one is queued or running; returns its outcome.
   *
   * @param histories the group's series (regular steps)
   * @param statistical each series' statistical choice, the model to beat
   */
  public CompletableFuture<Outcome> requestTraining(
      String group,
      List<SeriesHistory> histories,
      Map<String, ModelSpec> statistical,
      String reason) {
    List<SeriesHistory> snapshot = List.copyOf(histories);
    Map<String, ModelSpec> choices = Map.copyOf(statistical);
    return running.computeIfAbsent(
        group,
        g -> {
          CompletableFuture<Outcome> run =
              CompletableFuture.supplyAsync(() -> train(g, snapshot, choices, reason), trainer);
          run.whenComplete((outcome, error) -> running.remove(g));
          LOG.info("training of group {} requested ({}), {} series", g, reason, snapshot.size());
          return run;
        });
  }

  /** True while a run for the group is queued or busy. */
  public boolean isTraining(String group) {
    return running.containsKey(group);
  }

  private Outcome train(
      String group,
      List<SeriesHistory> histories,
      Map<String, ModelSpec> statistical,
      String reason) {
    int longest = histories.stream().mapToInt(SeriesHistory::length).max().orElse(0);
    int firstOrigin = (int) Math.floor(longest * (1 - settings.backtestFraction()));
    List<SeriesHistory> trainingPart =
        histories.stream().map(h -> h.prefix(Math.min(h.length(), firstOrigin))).toList();
    Map<String, Candidate> best = new HashMap<>();
    List<Candidate> candidates = new ArrayList<>();
    for (Architecture architecture : settings.architectures()) {
      NetworkSpec spec = settings.network(architecture);
      NetworkTrainer.Trained trained =
          NetworkTrainer.train(
              group + "-" + architecture.label(), spec, settings.training(), trainingPart);
      List<LearnedBacktest.Result> results = new ArrayList<>();
      for (SeriesHistory h : histories) {
        ModelSpec rival = statistical.get(h.id());
        if (rival == null || h.length() < firstOrigin + spec.horizon()) {
          continue;
        }
        try {
          results.add(
              LearnedBacktest.run(
                  trained.forecaster(),
                  rival,
                  h,
                  firstOrigin,
                  settings.backtestEvery(),
                  h.period()));
        } catch (IllegalArgumentException e) {
          LOG.warn("no backtest of {} for {}: {}", architecture.label(), h.id(), e.getMessage());
        }
      }
      Candidate c = new Candidate(architecture, spec, trained, results);
      candidates.add(c);
      for (LearnedBacktest.Result r : results) {
        if (r.learnedWins()) {
          best.merge(
              r.seriesId(), c, (a, b) -> a.mase(r.seriesId()) <= b.mase(r.seriesId()) ? a : b);
        }
      }
    }
    List<ModelVersion> versions = new ArrayList<>();
    for (Candidate c : candidates) {
      List<String> served =
          best.entrySet().stream()
              .filter(e -> e.getValue() == c)
              .map(Map.Entry::getKey)
              .sorted()
              .toList();
      ModelVersion version = register(group, c, firstOrigin, served, reason);
      versions.add(version);
      retireSeriesNoLongerWon(group, c.architecture(), served);
      if (served.isEmpty()) {
        c.trained().forecaster().close();
      } else {
        serving.deploy(version, c.trained().forecaster(), backtestMases(version));
      }
    }
    return new Outcome(group, versions);
  }

  private ModelVersion register(
      String group, Candidate c, int trainedSteps, List<String> served, String reason) {
    long version = lastVersion.merge(group + "/" + c.architecture().label(), 1L, Long::sum);
    Path dir = null;
    try {
      dir = Files.createTempDirectory(workDir, "model-");
      ModelFiles.save(c.trained().forecaster(), dir);
      String location = store.put(group, c.architecture(), version, dir);
      TrainingReport report = c.trained().report();
      ModelVersion v =
          new ModelVersion(
              group,
              c.architecture(),
              version,
              clock.instant(),
              reason,
              c.spec().toString(),
              trainedSteps,
              report.epochs(),
              report.meanEpochMillis(),
              c.results(),
              served,
              location);
      registry.publish(v);
      LOG.info(
          "registered {}: {} epochs, {} ms/epoch, learned MASE {} vs statistical {}, serves {}",
          v.id(),
          report.epochs(),
          Math.round(report.meanEpochMillis()),
          String.format("%.3f", LearnedBacktest.meanLearnedMase(c.results())),
          String.format("%.3f", LearnedBacktest.meanStatisticalMase(c.results())),
          served);
      return v;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot register a model of group " + group, e);
    } finally {
      if (dir != null) {
        deleteTree(dir);
      }
    }
  }

  private void retireSeriesNoLongerWon(String group, Architecture architecture, List<String> won) {
    serving
        .assignments()
        .forEach(
            (series, versionId) -> {
              if (versionId.startsWith(group + "/" + architecture.label() + "/")
                  && !won.contains(series)) {
                serving.retire(series, "its newest " + architecture.label() + " backtest lost");
              }
            });
  }

  private static Map<String, Double> backtestMases(ModelVersion v) {
    Map<String, Double> m = new HashMap<>();
    v.backtests().forEach(r -> m.put(r.seriesId(), r.learnedMase()));
    return m;
  }

  private record Candidate(
      Architecture architecture,
      NetworkSpec spec,
      NetworkTrainer.Trained trained,
      List<LearnedBacktest.Result> results) {
    double mase(String series) {
      return results.stream()
          .filter(r -> r.seriesId().equals(series))
          .mapToDouble(LearnedBacktest.Result::learnedMase)
          .findFirst()
          .orElse(Double.POSITIVE_INFINITY);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.debug("leaving temporary model files in {}: {}", dir, e.toString());
    }
  }

  @Override
  public void close() {
    trainer.shutdownNow();
    try {
      trainer.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

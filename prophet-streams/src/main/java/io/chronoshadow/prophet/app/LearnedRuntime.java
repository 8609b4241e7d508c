package io.chronoshadow.prophet.app;

import io.chronoshadow.prophet.learn.DjlRuntime;
import io.chronoshadow.prophet.learn.LearnedModels;
import io.chronoshadow.prophet.learn.ModelRegistry;
import io.chronoshadow.prophet.learn.S3ModelStore;
import io.chronoshadow.prophet.learn.ServingModels;
import io.chronoshadow.prophet.learn.TrainingService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;

/** The learned-model parts of one prophet process, started and stopped together. */
final class LearnedRuntime implements AutoCloseable {

  private final S3ModelStore store;
  private final ModelRegistry registry;
  private final LearnedModels models;

  private LearnedRuntime(S3ModelStore store, ModelRegistry registry, LearnedModels models) {
    this.store = store;
    this.registry = registry;
    this.models = models;
  }

  static LearnedRuntime start(LearningConfig c, ProphetStreamsConfig prophet) {
    DjlRuntime.start(
        new DjlRuntime.Settings(
            prophet.stateDir().resolve("djl"), c.intraOpThreads(), c.interOpThreads()));
    S3ModelStore store = new S3ModelStore(c.store());
    ModelRegistry registry = null;
    TrainingService training = null;
    try {
      Files.createDirectories(c.workDir());
      registry = new ModelRegistry(prophet.bootstrapServers(), c.modelsTopic());
      ServingModels serving = new ServingModels();
      training =
          new TrainingService(
              c.settings(), store, registry, serving, c.workDir(), Clock.systemUTC());
      training.restore();
      LearnedModels models =
          new LearnedModels(
              c.settings(),
              serving,
              training,
              prophet.analysis().intervalLevel(),
              prophet.analysis().historySteps());
      return new LearnedRuntime(store, registry, models);
    } catch (IOException | RuntimeException e) {
      if (training != null) {
        training.close();
      }
      if (registry != null) {
        registry.close();
      }
      store.close();
      throw e instanceof IOException io
          ? new UncheckedIOException("cannot start learned models: " + io.getMessage(), io)
          : (RuntimeException) e;
    }
  }

  LearnedModels models() {
    return models;
  }

  @Override
  public void close() {
    models.close();
    registry.close();
    store.close();
  }
}

package io.chronoshadow.prophet.app;

import io.chronoshadow.prophet.learn.Architecture;
import io.chronoshadow.prophet.learn.LearningSettings;
import io.chronoshadow.prophet.learn.ObjectStoreSettings;
import io.chronoshadow.prophet.learn.TrainingSettings;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Learned models in the prophet ({@code chrono.prophet.learning.*}; off unless {@code enabled}).
 * Defaults in brackets:
 *
 * <pre>
 * chrono.prophet.learning.enabled=true                       [false]
 * chrono.prophet.learning.architectures=lstm,transformer     [lstm,transformer]
 * chrono.prophet.learning.window=48                          [48] input steps
 * chrono.prophet.learning.epochs=60                          [60] at most, early stop
 * chrono.prophet.learning.retrain-every-steps=1008           [1008] analysis steps per group
 * chrono.prophet.learning.drift-factor=1.5                   [1.5] × backtest MASE
 * chrono.prophet.learning.backtest-every=6                   [6] steps between origins
 * chrono.prophet.learning.seed=1                             [1]
 * chrono.prophet.learning.intra-op-threads=1                 [1]
 * chrono.prophet.learning.inter-op-threads=1                 [1]
 * chrono.prophet.learning.models-topic=chrono.models         [chrono.models] compacted
 * chrono.prophet.learning.store.endpoint=http://127.0.0.1:9000   (required)
 * chrono.prophet.learning.store.bucket=chrono-warehouse          (required)
 * chrono.prophet.learning.store.region=us-east-1             [us-east-1]
 * chrono.prophet.learning.store.access-key=…  store.secret-key=…
 * chrono.prophet.learning.store.prefix=models                [models]
 * </pre>
 *
 * The forecast horizon is the prophet's ({@code chrono.prophet.horizon}); files are staged under
 * {@code <state-dir>/learn}, libtorch is extracted under {@code <state-dir>/djl}.
 */
public record LearningConfig(
    LearningSettings settings,
    ObjectStoreSettings store,
    String modelsTopic,
    int intraOpThreads,
    int interOpThreads,
    Path workDir) {

  public static final String PREFIX = "chrono.prophet.learning.";

  /** Empty unless {@code chrono.prophet.learning.enabled=true}; every problem named by key. */
  public static Optional<LearningConfig> fromProperties(
      Properties p, ProphetStreamsConfig prophet) {
    if (!Boolean.parseBoolean(p.getProperty(PREFIX + "enabled", "false").trim())) {
      return Optional.empty();
    }
    List<String> problems = new ArrayList<>();
    List<Architecture> architectures = new ArrayList<>();
    for (String a : p.getProperty(PREFIX + "architectures", "lstm,transformer").split(",")) {
      try {
        architectures.add(Architecture.fromLabel(a.trim()));
      } catch (IllegalArgumentException e) {
        problems.add(PREFIX + "architectures: " + e.getMessage());
      }
    }
    int window = integer(p, "window", 48, 2, problems);
    int epochs = integer(p, "epochs", 60, 1, problems);
    int retrain = integer(p, "retrain-every-steps", 1008, 1, problems);
    int backtestEvery = integer(p, "backtest-every", 6, 1, problems);
    int intra = integer(p, "intra-op-threads", 1, 1, problems);
    int inter = integer(p, "inter-op-threads", 1, 1, problems);
    long seed = integer(p, "seed", 1, Integer.MIN_VALUE, problems);
    double drift = 1.5;
    try {
      drift = Double.parseDouble(p.getProperty(PREFIX + "drift-factor", "1.5").trim());
      if (!(drift > 1)) {
        problems.add(PREFIX + "drift-factor must be > 1 (was " + drift + ")");
      }
    } catch (NumberFormatException e) {
      problems.add(PREFIX + "drift-factor must be a number");
    }
    String endpoint = p.getProperty(PREFIX + "store.endpoint", "").trim();
    String bucket = p.getProperty(PREFIX + "store.bucket", "").trim();
    if (endpoint.isEmpty()) {
      problems.add(PREFIX + "store.endpoint is required (the S3 endpoint for model files)");
    } else if (!endpoint.startsWith("http://") && !endpoint.startsWith("https://")) {
      problems.add(PREFIX + "store.endpoint must be an http(s) URL (was " + endpoint + ")");
    }
    if (bucket.isEmpty()) {
      problems.add(PREFIX + "store.bucket is required");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid prophet learning config: " + String.join("; ", problems));
    }
    LearningSettings settings =
        new LearningSettings(
            architectures,
            window,
            prophet.analysis().horizon(),
            TrainingSettings.defaults(seed).withEpochs(epochs),
            0.3,
            backtestEvery,
            retrain,
            drift,
            Math.max(window, 24));
    ObjectStoreSettings store =
        new ObjectStoreSettings(
            URI.create(endpoint),
            p.getProperty(PREFIX + "store.region", "us-east-1").trim(),
            p.getProperty(PREFIX + "store.access-key", ""),
            p.getProperty(PREFIX + "store.secret-key", ""),
            bucket,
            p.getProperty(PREFIX + "store.prefix", "models").trim());
    return Optional.of(
        new LearningConfig(
            settings,
            store,
            p.getProperty(PREFIX + "models-topic", "chrono.models").trim(),
            intra,
            inter,
            prophet.stateDir().resolve("learn")));
  }

  private static int integer(
      Properties p, String key, int fallback, int min, List<String> problems) {
    String raw = p.getProperty(PREFIX + key);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    try {
      int v = Integer.parseInt(raw.trim());
      if (v < min) {
        problems.add(PREFIX + key + " must be >= " + min + " (was " + v + ")");
      }
      return v;
    } catch (NumberFormatException e) {
      problems.add(PREFIX + key + " must be a whole number (was " + raw.trim() + ")");
      return fallback;
    }
  }
}

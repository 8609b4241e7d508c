package io.chronoshadow.console.demo;

import io.chronoshadow.devstack.DevStack;
import io.chronoshadow.prophet.app.LearningConfig;
import io.chronoshadow.prophet.app.ProphetStreamsApp;
import io.chronoshadow.prophet.app.ProphetStreamsConfig;
import io.chronoshadow.prophet.engine.AnalysisSettings;
import io.chronoshadow.prophet.features.WatchRules;
import io.chronoshadow.prophet.topology.ProphetMetrics;
import io.chronoshadow.prophet.topology.ProphetTopics;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * The prophet topology as the demo runs it, on the shop group's shadow statistics. Every alarm is
 * one log line with its explanation (the demo console shows them); the status line counts series,
 * warm series and alarms.
 */
final class DemoProphet {

  /**
   * Demo settings, each a deliberate departure from the production defaults: 5 s analysis steps
   * (not 5 min) and no season (the workload's compressed day is 10 min, and detecting it would need
   * three of them), so that the detector's cold start — 30 steps instead of 48 plus one for the
   * backtest — ends about 2½ minutes after the first shadow.
   */
  static AnalysisSettings settings(Duration step) {
    AnalysisSettings d = AnalysisSettings.defaults();
    return new AnalysisSettings(
        step,
        Map.of(),
        d.maxCarrySteps(),
        d.horizon(),
        d.intervalLevel(),
        d.historySteps(),
        1,
        30,
        d.model(),
        false,
        d.columnMetrics(),
        d.columnExclude(),
        WatchRules.none());
  }

  private DemoProphet() {}

  /** The demo's analysis step unless {@code --analysis-step} says otherwise. */
  static final Duration DEFAULT_STEP = Duration.ofSeconds(5);

  static ProphetStreamsApp start(DevStack stack, Duration step) {
    ProphetStreamsConfig config =
        new ProphetStreamsConfig(
            stack.bootstrapServers(),
            stack.registryUrl(),
            ProphetTopics.defaults(),
            settings(step),
            null,
            stack.config().dataDir().resolve("prophet-streams"),
            Map.of());
    ProphetStreamsApp app = ProphetStreamsApp.create(config, learning(stack, config));
    app.start();
    return app;
  }

  /**
   * Learned models in the demo: a 24-step window (2 min), at most 30 epochs, models stored in the
   * demo's S3 bucket. The first run starts once most series have 87 steps (about 7 minutes after
   * the first shadow); then every 720 steps (an hour) and on drift.
   */
  static LearningConfig learning(DevStack stack, ProphetStreamsConfig prophet) {
    Properties p = new Properties();
    String k = LearningConfig.PREFIX;
    p.setProperty(k + "enabled", "true");
    p.setProperty(k + "window", "24");
    p.setProperty(k + "epochs", "30");
    p.setProperty(k + "retrain-every-steps", "720");
    p.setProperty(k + "store.endpoint", stack.s3Endpoint().toString());
    p.setProperty(k + "store.bucket", stack.config().bucket());
    p.setProperty(k + "store.region", stack.s3().region());
    p.setProperty(k + "store.access-key", stack.config().s3AccessKey());
    p.setProperty(k + "store.secret-key", stack.config().s3SecretKey());
    return LearningConfig.fromProperties(p, prophet).orElseThrow();
  }

  /** The prophet's part of the status line. */
  static String status(ProphetStreamsApp app) {
    ProphetMetrics m = app.metrics();
    return "; prophet "
        + m.series()
        + " series ("
        + m.warmSeries()
        + " warm), "
        + m.alarms()
        + " alarms, "
        + m.deadLettered()
        + " dead-lettered ("
        + app.state()
        + ")"
        + app.learned()
            .map(
                l ->
                    ", learned models serve "
                        + l.serving().assignments().size()
                        + (l.training().isTraining("shop") ? " (training)" : ""))
            .orElse("");
  }
}

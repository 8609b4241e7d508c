package io.chronoshadow.prophet.learn;

import static org.assertj.core.api.Assertions.assertThat;

import io.chronoshadow.devstack.kafka.EmbeddedKafka;
import io.chronoshadow.devstack.s3.EmbeddedS3;
import io.chronoshadow.prophet.anomaly.AnomalyResult;
import io.chronoshadow.prophet.anomaly.Thresholds;
import io.chronoshadow.prophet.model.HoltWintersSpec;
import io.chronoshadow.prophet.model.ModelSpec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The training lifecycle against a real broker and a real S3-compatible store: training runs in the
 * background while a stand-in stream thread keeps working, the versions land in the object store
 * and the compacted registry topic, learned models serve only the series whose backtest they won,
 * and a fresh process restores exactly that serving table.
 */
class LearningLifecycleTest {

  static final int PERIOD = 24;
  static final String GROUP = "shop";

  @TempDir static Path dir;
  static EmbeddedKafka kafka;
  static EmbeddedS3 s3;

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
    s3 = EmbeddedS3.start(dir.resolve("s3"), 0, "chrono", "chrono-secret", "chrono-warehouse");
    TestEngine.start();
  }

  @AfterAll
  static void stop() {
    if (s3 != null) {
      s3.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  static ObjectStoreSettings store() {
    return new ObjectStoreSettings(
        s3.endpoint(), s3.region(), s3.accessKey(), s3.secretKey(), s3.bucket(), "models");
  }

  static LearningSettings settings() {
    return new LearningSettings(
        List.of(Architecture.LSTM, Architecture.TRANSFORMER),
        48,
        6,
        TrainingSettings.defaults(5).withEpochs(25),
        0.3,
        6,
        1000,
        1.5,
        24);
  }

  @Test
  void trainsInTheBackgroundRegistersAndServesOnlyWhereItWins() throws Exception {
    List<SeriesHistory> histories = new ArrayList<>();
    Map<String, ModelSpec> statistical = new HashMap<>();
    for (int i = 0; i < 3; i++) {
      String id = GROUP + "/shop.orders/changes-" + i;
      histories.add(
          new SeriesHistory(id, NonlinearSeries.generate(PERIOD * 16, PERIOD, 20 + i), 0, PERIOD));
      statistical.put(id, new HoltWintersSpec(PERIOD, false, false));
    }
    Path work = dir.resolve("work");
    java.nio.file.Files.createDirectories(work);
    List<String> drifted = new CopyOnWriteArrayList<>();
    Map<String, String> assignments;
    Map<String, double[][]> forecastsBefore = new HashMap<>();
    try (S3ModelStore modelStore = new S3ModelStore(store());
        ModelRegistry registry = new ModelRegistry(kafka.bootstrapServers(), "chrono.models");
        ServingModels serving = new ServingModels();
        TrainingService training =
            new TrainingService(
                settings(), modelStore, registry, serving, work, Clock.systemUTC())) {
      LearnedScorer scorer =
          new LearnedScorer(serving, Thresholds.defaults(), settings(), drifted::add);

      // a stand-in stream thread: keeps scoring steps while the model trains
      AtomicBoolean streaming = new AtomicBoolean(true);
      AtomicLong stepsWhileTraining = new AtomicLong();
      Thread stream =
          new Thread(
              () -> {
                while (streaming.get()) {
                  boolean busy = training.isTraining(GROUP);
                  scorer.score(histories.get(0).prefix(300), "changes", Instant.now(), 1.0);
                  if (busy) {
                    stepsWhileTraining.incrementAndGet();
                  }
                  Thread.onSpinWait();
                }
              });
      stream.start();
      TrainingService.Outcome outcome =
          training.requestTraining(GROUP, histories, statistical, "test").get(5, TimeUnit.MINUTES);
      streaming.set(false);
      stream.join();

      assertThat(stepsWhileTraining.get())
          .as("stream steps completed while training ran in the background")
          .isGreaterThan(100);
      assertThat(outcome.versions()).hasSize(2);
      // deployed exactly where the learned model beat the statistical one
      for (ModelVersion v : outcome.versions()) {
        for (LearnedBacktest.Result r : v.backtests()) {
          if (v.serves(r.seriesId())) {
            assertThat(r.learnedWins()).isTrue();
          }
        }
      }
      assertThat(outcome.servedSeries()).isNotEmpty();
      assignments = serving.assignments();
      assertThat(assignments.keySet()).containsExactlyInAnyOrderElementsOf(outcome.servedSeries());

      // registered in the compacted topic, files in the object store
      List<ModelVersion> registered = registry.versions();
      assertThat(registered)
          .extracting(ModelVersion::id)
          .containsExactlyInAnyOrder("shop/lstm/v1", "shop/transformer/v1");
      try (S3Client client = s3Client()) {
        for (ModelVersion v : registered) {
          assertThat(
                  client
                      .listObjectsV2(b -> b.bucket(s3.bucket()).prefix(v.location() + "/"))
                      .contents())
              .extracting(o -> o.key().substring(v.location().length() + 1))
              .containsExactlyInAnyOrder("network.json", "net-0000.params");
        }
      }

      // serving: the scorer now answers for served series, naming the model
      String served = outcome.servedSeries().get(0);
      SeriesHistory history = find(histories, served).prefix(300);
      AnomalyResult result =
          scorer
              .score(history, "changes", Instant.EPOCH, find(histories, served).values()[300])
              .orElseThrow();
      assertThat(result.explanation()).contains("[model " + assignments.get(served) + "]");
      for (String s : assignments.keySet()) {
        forecastsBefore.put(
            s, serving.forecast(find(histories, s).prefix(300)).orElseThrow().values());
      }

      // a second request while the first is running returns the same run
      var first = training.requestTraining(GROUP, histories, statistical, "again");
      assertThat(training.requestTraining(GROUP, histories, statistical, "coalesced"))
          .isSameAs(first);
      TrainingService.Outcome second = first.get(5, TimeUnit.MINUTES);
      assertThat(second.versions()).extracting(ModelVersion::version).containsOnly(2L);
      assignments = serving.assignments();
      for (String s : assignments.keySet()) {
        forecastsBefore.put(
            s, serving.forecast(find(histories, s).prefix(300)).orElseThrow().values());
      }
    }

    // a new process: serving is rebuilt from the registry and the object store
    try (S3ModelStore modelStore = new S3ModelStore(store());
        ModelRegistry registry = new ModelRegistry(kafka.bootstrapServers(), "chrono.models");
        ServingModels serving = new ServingModels();
        TrainingService training =
            new TrainingService(
                settings(), modelStore, registry, serving, work, Clock.systemUTC())) {
      training.restore();
      assertThat(serving.assignments()).isEqualTo(assignments);
      for (String s : assignments.keySet()) {
        assertThat(serving.forecast(find(histories, s).prefix(300)).orElseThrow().values())
            .isDeepEqualTo(forecastsBefore.get(s));
      }
    }
  }

  @Test
  void driftIsDeclaredOnceWhenErrorsOutgrowTheBacktest() {
    DriftMonitor monitor = new DriftMonitor(0.5, 1.5, 10);
    for (int i = 0; i < 20; i++) {
      assertThat(monitor.observe(0.5)).isFalse();
    }
    int firedAt = -1;
    for (int i = 0; i < 20; i++) {
      if (monitor.observe(2.0)) {
        assertThat(firedAt).isEqualTo(-1);
        firedAt = i;
      }
    }
    // rolling mean of 10 passes 0.75 once 2 of the 10 are 2.0: (8·0.5 + 2·2.0)/10 = 0.8
    assertThat(firedAt).isEqualTo(1);
  }

  static SeriesHistory find(List<SeriesHistory> all, String id) {
    return all.stream().filter(h -> h.id().equals(id)).findFirst().orElseThrow();
  }

  static S3Client s3Client() {
    return S3Client.builder()
        .endpointOverride(s3.endpoint())
        .region(Region.of(s3.region()))
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
        .build();
  }
}

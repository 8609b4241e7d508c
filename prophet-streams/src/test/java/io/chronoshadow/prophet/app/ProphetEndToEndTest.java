package io.chronoshadow.prophet.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.chronoshadow.devstack.DevStack;
import io.chronoshadow.devstack.DevStackConfig;
import io.chronoshadow.devstack.workload.Anomaly;
import io.chronoshadow.devstack.workload.AnomalyInjection;
import io.chronoshadow.devstack.workload.ShopSchema;
import io.chronoshadow.devstack.workload.ShopTable;
import io.chronoshadow.devstack.workload.ShopWorkload;
import io.chronoshadow.devstack.workload.WorkloadConfig;
import io.chronoshadow.fixtures.stack.ShopStack;
import io.chronoshadow.prophet.engine.AnalysisSettings;
import io.chronoshadow.prophet.features.StatsFeatures;
import io.chronoshadow.prophet.features.WatchRules;
import io.chronoshadow.prophet.learn.LearnedBacktest;
import io.chronoshadow.prophet.learn.LearnedModels;
import io.chronoshadow.prophet.learn.ModelRegistry;
import io.chronoshadow.prophet.learn.ModelVersion;
import io.chronoshadow.prophet.learn.S3ModelStore;
import io.chronoshadow.prophet.predict.GroupForecast;
import io.chronoshadow.prophet.query.WatchedSeries;
import io.chronoshadow.prophet.topology.ProphetTopics;
import io.chronoshadow.schemas.connect.RegistryAvroConverter;
import io.chronoshadow.schemas.registry.SchemaRegistryClient;
import io.chronoshadow.shadow.app.ShadowStreamsApp;
import io.chronoshadow.shadow.app.ShadowStreamsConfig;
import io.chronoshadow.shadow.catalog.CatalogSettings;
import io.chronoshadow.shadow.policy.FixedBucketPolicy;
import io.chronoshadow.shadow.topology.ShadowTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The whole predictive path on the real embedded stack: the shop workload in PostgreSQL, Debezium
 * into Kafka, the shadow topology (fixed 2 s buckets) writing {@code chrono.shadow-stats}, and the
 * prophet topology (2 s analysis steps) writing {@code chrono.forecasts} and {@code
 * chrono.anomalies}, both exactly-once, Avro through the Apicurio registry's Confluent API. Outputs
 * are read the way a Kafka Connect sink would, with {@link RegistryAvroConverter}.
 *
 * <p>The detector keeps its defaults except what a two-minute test needs and says so: no season
 * (period 1; the compressed workload day is 10 min) and a 30-step minimum warm-up instead of 48.
 */
class ProphetEndToEndTest {

  private static final String GROUP = "shop";
  private static final Duration STEP = Duration.ofSeconds(2);

  @TempDir static Path dir;

  private static ShopStack shop;
  private static DevStack stack;
  private static ShopWorkload workload;
  private static ShadowStreamsApp shadows;
  private static ProphetStreamsApp prophet;

  /** Never restarted, with its own output topics: the oracle for the restarted one. */
  private static ProphetStreamsApp control;

  /** With learned models (DJL), on its own output topics and model registry topic. */
  private static ProphetStreamsApp learner;

  private static final ProphetTopics LEARNER_TOPICS =
      new ProphetTopics(
          "chrono.shadow-stats", "learner.forecasts", "learner.anomalies", "learner.dlq");

  private static final ProphetTopics CONTROL_TOPICS =
      new ProphetTopics(
          "chrono.shadow-stats", "control.forecasts", "control.anomalies", "control.dlq");

  @BeforeAll
  static void start() {
    ch.qos.logback.classic.Logger root =
        (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.chronoshadow"))
        .setLevel(Level.INFO);
    // Bursts off: a clean run must raise no critical alarm on row counts, and a tripled rate for
    // 15 s is, on 2 s steps, a real change of regime that the detector would rightly flag.
    WorkloadConfig config =
        WorkloadConfig.builder().customers(40).products(25).burstProbability(0).build();
    shop = ShopStack.start(dir.resolve("stack"), config);
    stack = shop.stack();
    workload = shop.workload();
    shadows = ShadowStreamsApp.create(shadowConfig());
    shadows.start();
    prophet =
        ProphetStreamsApp.create(
            prophetConfig("prophet-e2e-" + UUID.randomUUID(), ProphetTopics.defaults(), "prophet"));
    prophet.start();
    control =
        ProphetStreamsApp.create(
            prophetConfig("prophet-control-" + UUID.randomUUID(), CONTROL_TOPICS, "control"));
    control.start();
    ProphetStreamsConfig learnerConfig =
        prophetConfig("prophet-learner-" + UUID.randomUUID(), LEARNER_TOPICS, "learner");
    learner = ProphetStreamsApp.create(learnerConfig, learningConfig(learnerConfig));
    learner.start();
    workload.start();
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c :
        new AutoCloseable[] {workload, prophet, control, learner, shadows, shop}) {
      if (c != null) {
        try {
          c.close();
        } catch (Exception e) {
          LoggerFactory.getLogger(ProphetEndToEndTest.class).warn("closing {}", c, e);
        }
      }
    }
  }

  private static ShadowStreamsConfig shadowConfig() {
    DevStackConfig c = stack.config();
    CatalogSettings catalog =
        new CatalogSettings(
            stack.s3Endpoint(),
            c.bucket(),
            c.s3AccessKey(),
            c.s3SecretKey(),
            stack.s3().region(),
            stack.catalogJdbcUrl(),
            c.postgresUser(),
            c.postgresPassword(),
            "chrono");
    return new ShadowStreamsConfig(
        stack.bootstrapServers(),
        stack.registryUrl(),
        catalog,
        GROUP,
        ShadowTopics.defaults(c.topicPrefix()),
        FixedBucketPolicy.of(STEP),
        "shadow-e2e-" + UUID.randomUUID(),
        dir.resolve("shadow-state"),
        null,
        Map.of("commit.interval.ms", "200"),
        null);
  }

  static ProphetStreamsConfig prophetConfig(
      String applicationId, ProphetTopics topics, String stateDir) {
    AnalysisSettings analysis =
        new AnalysisSettings(
            STEP,
            Map.of(),
            AnalysisSettings.DEFAULT_MAX_CARRY_STEPS,
            6,
            0.8,
            200,
            1,
            30,
            "auto",
            false,
            true,
            Pattern.compile(StatsFeatures.DEFAULT_COLUMN_EXCLUDE),
            WatchRules.none());
    return new ProphetStreamsConfig(
        stack.bootstrapServers(),
        stack.registryUrl(),
        topics,
        analysis,
        applicationId,
        dir.resolve(stateDir),
        Map.of("commit.interval.ms", "200"));
  }

  /** Small and quick: a 12-step window, 10 epochs, first training once 55 steps exist. */
  static LearningConfig learningConfig(ProphetStreamsConfig prophet) {
    java.util.Properties p = new java.util.Properties();
    p.setProperty(LearningConfig.PREFIX + "enabled", "true");
    p.setProperty(LearningConfig.PREFIX + "window", "12");
    p.setProperty(LearningConfig.PREFIX + "epochs", "10");
    p.setProperty(LearningConfig.PREFIX + "backtest-every", "2");
    p.setProperty(LearningConfig.PREFIX + "models-topic", "learner.models");
    p.setProperty(LearningConfig.PREFIX + "store.endpoint", stack.s3Endpoint().toString());
    p.setProperty(LearningConfig.PREFIX + "store.bucket", stack.config().bucket());
    p.setProperty(LearningConfig.PREFIX + "store.region", stack.s3().region());
    p.setProperty(LearningConfig.PREFIX + "store.access-key", stack.config().s3AccessKey());
    p.setProperty(LearningConfig.PREFIX + "store.secret-key", stack.config().s3SecretKey());
    return LearningConfig.fromProperties(p, prophet).orElseThrow();
  }

  /**
   * The learner trains in the background once the group has enough history, while its stream thread
   * keeps analysing shadows; the versions are registered (topic and object store), and the
   * forecasts name a learned model exactly for the series it serves.
   */
  @Test
  void aLearnedModelTrainsInTheBackgroundIsRegisteredAndServesWhereItWon() throws Exception {
    LearnedModels models = learner.learned().orElseThrow();
    // While a run trains, the learner must keep up with the instance that has no learned models:
    // both read the same stats topic from the start, so the difference in records processed is
    // the learner's extra lag.
    List<Long> lagWhileTraining = new ArrayList<>();
    try (ModelRegistry registry = new ModelRegistry(stack.bootstrapServers(), "learner.models")) {
      await()
          .atMost(Duration.ofSeconds(300))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                if (models.training().isTraining(GROUP)) {
                  lagWhileTraining.add(
                      control.metrics().statsRecords() - learner.metrics().statsRecords());
                }
                return !models.training().isTraining(GROUP)
                    && registry.versions().stream()
                        .anyMatch(v -> v.id().equals(GROUP + "/transformer/v1"));
              });
    }
    assertThat(lagWhileTraining).as("samples taken while the first run trained").isNotEmpty();
    // one shadow of the group yields one stats record per table (5); allow two shadows
    assertThat(lagWhileTraining).allMatch(lag -> lag <= 10, "at most two shadows behind");

    List<ModelVersion> versions;
    try (ModelRegistry registry = new ModelRegistry(stack.bootstrapServers(), "learner.models")) {
      versions = registry.versions();
    }
    assertThat(versions)
        .extracting(ModelVersion::id)
        .contains(GROUP + "/lstm/v1", GROUP + "/transformer/v1");
    try (S3ModelStore store = new S3ModelStore(learningConfig(learner.config()).store())) {
      for (ModelVersion v : versions) {
        java.nio.file.Path fetched = dir.resolve("fetched-" + v.architecture().label());
        store.fetch(v.location(), fetched);
        assertThat(fetched.resolve("network.json")).exists();
      }
    }
    Map<String, String> servedBy = models.serving().assignments();
    for (ModelVersion v : versions) {
      for (String series : v.servedSeries()) {
        assertThat(v.backtests())
            .filteredOn(r -> r.seriesId().equals(series))
            .allMatch(LearnedBacktest.Result::learnedWins);
      }
    }
    // Forecasts name a learned model only for series that model's version serves.
    long stepsNow = learner.metrics().steps();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> learner.metrics().steps() > stepsNow + 3 * 20);
    List<ModelVersion> all;
    try (ModelRegistry registry = new ModelRegistry(stack.bootstrapServers(), "learner.models")) {
      all = registry.versions();
    }
    int learnedForecasts = 0;
    for (Decoded f : readAll(LEARNER_TOPICS.forecastsTopic())) {
      String model = f.value().getString("model");
      boolean isLearned = model.contains("/lstm/") || model.contains("/transformer/");
      if (isLearned) {
        learnedForecasts++;
        assertThat(all)
            .as("the version %s named by a forecast of %s serves it", model, f.key())
            .anyMatch(v -> v.id().equals(model) && v.serves(f.key()));
      }
    }
    if (!servedBy.isEmpty()) {
      assertThat(learnedForecasts).as("forecasts made by the deployed learned models").isPositive();
    }
    LoggerFactory.getLogger(ProphetEndToEndTest.class)
        .info(
            "learned models: {} versions, serving {} of {} series: {}",
            versions.size(),
            servedBy.size(),
            learner.metrics().series(),
            servedBy);
  }

  /** Every record of a topic so far (read_committed), decoded as a Connect sink would. */
  private static List<Decoded> readAll(String topic) {
    RegistryAvroConverter converter = new RegistryAvroConverter();
    converter.configure(Map.of("schema.registry.url", stack.registryUrl()), false);
    Map<String, Object> props =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            stack.bootstrapServers(),
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false);
    List<Decoded> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      var partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
          && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          out.add(new Decoded(r.key(), (Struct) converter.toConnectData(topic, r.value()).value()));
        }
      }
    }
    return out;
  }

  record Decoded(String key, Struct value) {
    Instant time() {
      return ((Date) value.get("time")).toInstant();
    }
  }

  /** key@time → the one-step-ahead point forecast, for every forecast published. */
  private static Map<String, Double> firstStepPoints(String topic) {
    Map<String, Double> out = new java.util.HashMap<>();
    for (Decoded f : readAll(topic)) {
      Struct first = f.value().<Struct>getArray("steps").get(0);
      Double previous = out.put(f.key() + "@" + f.time(), first.getFloat64("point"));
      assertThat(previous).as("one forecast per series and step on %s", topic).isNull();
    }
    return out;
  }

  /** key@time severity: explanation of every alarm up to {@code until}. */
  private static Set<String> alarms(String topic, Instant until) {
    Set<String> out = new java.util.TreeSet<>();
    for (Decoded a : readAll(topic)) {
      if (!a.time().isAfter(until)) {
        out.add(
            a.key()
                + "@"
                + a.time()
                + " "
                + a.value().getString("severity")
                + ": "
                + a.value().getString("explanation"));
      }
    }
    return out;
  }

  @Test
  void aRunawayDeleteIsFlaggedWithinAFewStepsWithItsExplanationAndEverySeriesIsForecast()
      throws Exception {
    Set<String> expectedSeries = new HashSet<>();
    for (ShopTable table : ShopSchema.TABLES) {
      for (String metric : List.of("rows", "inserts", "updates", "deletes", "bytes")) {
        expectedSeries.add(GROUP + "/" + table.qualifiedName() + "/" + metric);
      }
    }
    // Warm-up: every series of every table forecasts (read_committed: the forecasts of the last
    // warm-up step are visible once their transaction commits, shortly after the metrics say so).
    await()
        .atMost(Duration.ofSeconds(150))
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () -> {
              Set<String> forecastKeys = new HashSet<>();
              for (Decoded f : readAll(ProphetTopics.defaults().forecastsTopic())) {
                forecastKeys.add(f.key());
                assertThat(f.value().getArray("steps")).hasSize(6);
              }
              // Column aggregates warm up on their own steps, shortly after the tables' counts.
              return forecastKeys.containsAll(expectedSeries)
                  && prophet.metrics().warmSeries() == prophet.metrics().series();
            });
    assertThat(prophet.metrics().warmSeries()).isEqualTo(prophet.metrics().series());

    // A clean run: no critical alarm on any row count.
    List<Decoded> clean = readAll(ProphetTopics.defaults().anomaliesTopic());
    assertThat(clean)
        .noneMatch(
            a ->
                a.value().getString("metric").equals("rows")
                    && a.value().getString("severity").equals("CRITICAL"));

    // Watched by meaning, from the schema and the data: row counts are, a line number is not,
    // and nothing unwatched ever alarms.
    Map<String, WatchedSeries> watch = new java.util.HashMap<>();
    prophet.queries().watched(GROUP).forEach(w -> watch.put(w.id(), w));
    assertThat(watch.get(GROUP + "/shop.orders/rows").watched()).isTrue();
    WatchedSeries lineNo = watch.get(GROUP + "/shop.order_lines/line_no.mean");
    assertThat(lineNo.watched()).isFalse();
    assertThat(lineNo.reason()).isEqualTo("line_no is part of the primary key");
    assertThat(watch.get(GROUP + "/shop.orders/bytes").watched()).isFalse();
    assertThat(clean).allSatisfy(a -> assertThat(watch.get(a.key()).watched()).isTrue());

    AnomalyInjection injection = workload.inject(Anomaly.RUNAWAY_DELETE).get(60, TimeUnit.SECONDS);
    Instant injectedAt = injection.startedAt();
    AtomicReference<Decoded> found = new AtomicReference<>();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () -> {
              for (Decoded a : readAll(ProphetTopics.defaults().anomaliesTopic())) {
                if (a.key().equals(GROUP + "/shop.orders/rows")
                    && a.value().getString("severity").equals("CRITICAL")
                    && !a.time().isBefore(injectedAt)) {
                  found.set(a);
                  return true;
                }
              }
              return false;
            });
    Struct alarm = found.get().value();
    assertThat(alarm.getString("table")).isEqualTo("shop.orders");
    assertThat(alarm.getString("status")).isEqualTo("SCORED");
    assertThat(alarm.getFloat64("observed")).isLessThan(alarm.getFloat64("lower"));
    assertThat(alarm.getString("explanation"))
        .startsWith("row count of shop.orders fell")
        .contains("below the expected");
    long delaySteps =
        Math.max(
            1,
            -Math.floorDiv(
                -Duration.between(injectedAt, found.get().time()).toMillis(), STEP.toMillis()));
    LoggerFactory.getLogger(ProphetEndToEndTest.class)
        .info(
            "runaway delete {} flagged at {} ({} steps after it started): {}",
            injection.logLine(),
            found.get().time(),
            delaySteps,
            alarm.getString("explanation"));
    assertThat(delaySteps).as("detection delay in steps").isLessThanOrEqualTo(5);

    // Registered under TopicNameStrategy subjects on the real registry.
    assertThat(new SchemaRegistryClient(stack.registryUrl()).subjects())
        .contains("chrono.forecasts-value", "chrono.anomalies-value");

    // The facade answers from the live stores: every metric of every table, with intervals.
    GroupForecast future =
        prophet.queries().predictFutureState(GROUP, Duration.ofSeconds(10), Optional.empty(), 0.8);
    assertThat(future.series()).hasSizeGreaterThanOrEqualTo(expectedSeries.size());
    assertThat(future.series())
        .allSatisfy(s -> assertThat(s.lower()).isLessThanOrEqualTo(s.upper()));

    // A restart resumes from the stores: every forecast and alarm after it is exactly what the
    // uninterrupted control instance publishes for the same step, and nothing is published twice.
    long forecastsBefore = readAll(ProphetTopics.defaults().forecastsTopic()).size();
    String applicationId = prophet.config().applicationId();
    prophet.close();
    prophet =
        ProphetStreamsApp.create(prophetConfig(applicationId, ProphetTopics.defaults(), "prophet"));
    prophet.start();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () ->
                readAll(ProphetTopics.defaults().forecastsTopic()).size() > forecastsBefore + 100);
    Map<String, Double> restarted = firstStepPoints(ProphetTopics.defaults().forecastsTopic());
    Map<String, Double> uninterrupted = firstStepPoints(CONTROL_TOPICS.forecastsTopic());
    Set<String> common = new HashSet<>(restarted.keySet());
    common.retainAll(uninterrupted.keySet());
    assertThat(common.size()).isGreaterThan((int) forecastsBefore + 50);
    for (String step : common) {
      assertThat(restarted.get(step)).as("forecast %s", step).isEqualTo(uninterrupted.get(step));
    }
    Instant lastCommon =
        readAll(ProphetTopics.defaults().forecastsTopic()).stream()
            .filter(f -> common.contains(f.key() + "@" + f.time()))
            .map(Decoded::time)
            .max(Instant::compareTo)
            .orElseThrow();
    assertThat(alarms(ProphetTopics.defaults().anomaliesTopic(), lastCommon))
        .isEqualTo(alarms(CONTROL_TOPICS.anomaliesTopic(), lastCommon));
    List<Decoded> all = readAll(ProphetTopics.defaults().anomaliesTopic());
    Set<String> seen = new HashSet<>();
    for (Decoded a : all) {
      assertThat(seen.add(a.key() + "@" + a.time()))
          .as("published once: %s", a.key() + "@" + a.time())
          .isTrue();
    }
    assertThat(prophet.metrics().warmSeries()).isEqualTo(prophet.metrics().series());
  }
}

package io.chronoshadow.prophet.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import io.chronoshadow.prophet.eval.CsvSeries;
import io.chronoshadow.prophet.eval.DetectionEvaluation;
import io.chronoshadow.prophet.eval.DetectionScore;
import io.chronoshadow.prophet.eval.LabeledSeries;
import io.chronoshadow.prophet.eval.SyntheticSpec;
import io.chronoshadow.prophet.eval.SyntheticSuite;
import io.chronoshadow.prophet.model.ModelKind;
import io.chronoshadow.prophet.model.SeasonalityDetector;
import io.chronoshadow.prophet.series.RegularSeries;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnomalyDetectorTest {
  private static final SyntheticSpec HOURLY =
      new SyntheticSpec(
          "hourly", 24 * 30, Duration.ofHours(1), 12_000, 2, 24, 800, 60, 0, 0, 0, 7, 12, 24 * 5);

  private static DetectorConfig config(String id, int period) {
    return DetectorConfig.defaults(id, "stock sum of shop.products").withPeriod(period);
  }

  private static List<AnomalyResult> runAll(DetectorConfig config, RegularSeries series) {
    AnomalyDetector detector = new AnomalyDetector(config);
    List<AnomalyResult> results = new ArrayList<>();
    for (int t = 0; t < series.size(); t++) {
      results.add(detector.observe(series.timeAt(t), series.value(t)));
    }
    return results;
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void injectedSpikesDipsAndLevelShiftsAreFoundWithF1AtLeast08ThroughTheHarness(
      long seed, @TempDir Path dir) throws Exception {
    List<DetectionScore> scores = new ArrayList<>();
    for (Path file : SyntheticSuite.writeStandard(dir, seed)) {
      LabeledSeries s = CsvSeries.read(file);
      int period = s.name().startsWith("daily") ? 7 : s.name().startsWith("quarter") ? 1 : 24;
      DetectionScore score = DetectionEvaluation.evaluate(s, config(s.name(), period), 3).score();
      assertThat(score.f1()).as(s.name() + " F1").isGreaterThanOrEqualTo(0.7);
      scores.add(score);
    }
    DetectionScore pooled = DetectionScore.pooled(scores);
    assertThat(pooled.windows()).isGreaterThan(40);
    assertThat(pooled.f1()).as("pooled F1").isGreaterThanOrEqualTo(0.8);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void cleanSeriesRaisesNoAlarmAfterColdStart(long seed) {
    RegularSeries clean = SyntheticSuite.generate(HOURLY, seed).series();
    List<AnomalyResult> results = runAll(config("clean-" + seed, 24), clean);
    assertThat(results).noneMatch(AnomalyResult::isAlarm);
    assertThat(results.get(results.size() - 1).status()).isEqualTo(DetectorStatus.SCORED);
  }

  @Test
  void coldStartRaisesNothingBeforeTheThresholdEvenOnWildData() {
    DetectorConfig config = config("cold", 24).withModel(ModelKind.HOLT_WINTERS);
    int warmup = config.warmupSteps();
    // Two seasons + 2 steps to fit Holt-Winters, one more season of honest residuals for the scale.
    assertThat(warmup).isEqualTo(2 * 24 + 2 + 24);
    double[] y = SyntheticSuite.generate(HOURLY, 9).values();
    y[10] += 50_000;
    y[30] -= 50_000;
    y[warmup] += 50_000; // the first scored step
    List<AnomalyResult> results =
        runAll(config, new RegularSeries(SyntheticSuite.START, Duration.ofHours(1), y));
    for (int t = 0; t < warmup; t++) {
      assertThat(results.get(t).isWarmingUp()).isTrue();
      assertThat(results.get(t).isAlarm()).isFalse();
      assertThat(results.get(t).explanation()).contains("warming up");
    }
    assertThat(results.get(warmup).status()).isEqualTo(DetectorStatus.SCORED);
    assertThat(results.get(warmup).severity()).isEqualTo(Severity.CRITICAL);
  }

  @Test
  void aLevelShiftAlarmsUntilItPersistsThenBecomesTheNewNormal() {
    double[] y = SyntheticSuite.generate(HOURLY, 4).values();
    int shiftAt = 400;
    for (int t = shiftAt; t < y.length; t++) {
      y[t] -= 1_500; // 25 noise sds down, for good
    }
    List<AnomalyResult> results =
        runAll(
            config("shift", 24), new RegularSeries(SyntheticSuite.START, Duration.ofHours(1), y));
    for (int t = shiftAt; t < shiftAt + 3; t++) {
      assertThat(results.get(t).isAlarm()).as("step " + t).isTrue();
      assertThat(results.get(t).expected())
          .as("old level still expected")
          .isGreaterThan(y[t] + 1_000);
    }
    assertThat(results.get(shiftAt + 2).levelShiftAccepted()).isTrue();
    assertThat(results.subList(shiftAt + 3, y.length)).noneMatch(AnomalyResult::isAlarm);
  }

  @Test
  void aSpikeDoesNotReachTheModelSoTheNextStepIsNormal() {
    double[] y = SyntheticSuite.generate(HOURLY, 5).values();
    y[300] += 5_000;
    y[301] += 0;
    List<AnomalyResult> results =
        runAll(
            config("spike", 24), new RegularSeries(SyntheticSuite.START, Duration.ofHours(1), y));
    assertThat(results.get(300).severity()).isEqualTo(Severity.CRITICAL);
    assertThat(results.get(301).severity()).isEqualTo(Severity.NONE);
    assertThat(Math.abs(results.get(301).expected() - results.get(299).expected()))
        .isLessThan(1_000);
  }

  @Test
  void resultCarriesAReadableExplanation() {
    double[] y = SyntheticSuite.generate(HOURLY, 6).values();
    y[500] = y[500] * 0.62;
    Instant start = Instant.parse("2026-11-20T00:00:00Z");
    List<AnomalyResult> results =
        runAll(config("products.stock", 24), new RegularSeries(start, Duration.ofMinutes(5), y));
    AnomalyResult r = results.get(500);
    assertThat(r.seriesId()).isEqualTo("products.stock");
    assertThat(r.time()).isEqualTo(Instant.parse("2026-11-21T17:40:00Z"));
    assertThat(r.lower()).isLessThan(r.expected());
    assertThat(r.upper()).isGreaterThan(r.expected());
    assertThat(r.explanation())
        .matches(
            "stock sum of shop\\.products fell 3\\d% below the expected [0-9,]+ ± [0-9,]+ at"
                + " 2026-11-21 17:40 UTC \\(score [0-9.]+, critical\\)");
    assertThat(results.get(499).explanation()).contains("within the expected");
  }

  @Test
  void missingStepIsReportedAndTheModelAdvancesOnItsForecast() {
    double[] y = SyntheticSuite.generate(HOURLY, 8).values();
    y[200] = Double.NaN;
    List<AnomalyResult> results =
        runAll(config("gap", 24), new RegularSeries(SyntheticSuite.START, Duration.ofHours(1), y));
    assertThat(results.get(200).status()).isEqualTo(DetectorStatus.MISSING);
    assertThat(results.get(200).explanation()).contains("no observation");
    assertThat(results.get(201).isAlarm()).isFalse();
  }

  @Test
  void aLongFlatSeriesDoesNotTurnOneRowIntoACriticalAlarm() {
    for (ModelKind kind : ModelKind.values()) {
      AnomalyDetector detector = new AnomalyDetector(config("flat-" + kind, 24).withModel(kind));
      Instant start = SyntheticSuite.START;
      for (int t = 0; t < 300; t++) {
        AnomalyResult r = detector.observe(start.plus(Duration.ofHours(t)), 12_000);
        assertThat(r.isAlarm()).isFalse();
        assertThat(r.explanation()).doesNotContain("NaN");
      }
      AnomalyResult oneRow = detector.observe(start.plus(Duration.ofHours(300)), 12_001);
      assertThat(oneRow.severity()).as(kind.name()).isEqualTo(Severity.NONE);
      AnomalyResult halved = detector.observe(start.plus(Duration.ofHours(301)), 6_000);
      assertThat(halved.severity()).isEqualTo(Severity.CRITICAL);
      assertThat(halved.explanation()).contains("fell 50% below the expected 12,000");
    }
  }

  @Test
  void rejectsAStepThatIsNotAfterTheLastOne() {
    AnomalyDetector detector = new AnomalyDetector(config("order", 24));
    detector.observe(SyntheticSuite.START, 1);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> detector.observe(SyntheticSuite.START, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not after the last step");
    assertThat(detector.lastStep()).contains(SyntheticSuite.START);
  }

  @Test
  void detectsThePeriodAndChoosesAModelByBacktestWhenNotConfigured() {
    RegularSeries clean = SyntheticSuite.generate(HOURLY.withLength(24 * 40), 2).series();
    DetectorConfig config =
        DetectorConfig.defaults("auto", "rows of shop.orders")
            .withSeasonality(SeasonalityDetector.forStep(Duration.ofHours(1)))
            .withModel(ModelChoice.backtestedDefault());
    // Three weeks (the longest candidate, 168, three times) plus what the backtest needs.
    assertThat(config.warmupSteps()).isEqualTo(2 * 168 + 2 + 168 + 24);
    AnomalyDetector detector = new AnomalyDetector(config);
    for (int t = 0; t < clean.size(); t++) {
      assertThat(detector.observe(clean.timeAt(t), clean.value(t)).isAlarm()).isFalse();
    }
    assertThat(detector.forecaster()).isPresent();
    assertThat(detector.forecaster().get().period()).isEqualTo(24);
  }
}

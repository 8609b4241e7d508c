package io.chronoshadow.prophet.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The detector's predictive distribution is calibrated out of sample: on series whose noise is
 * known, its one-step 80% and 95% intervals hold about 80% and 95% of the steps, its alarms come
 * about as often as configured, and a real shift still alarms at once. Seeded, so every run sees
 * the same series; the tolerances are several binomial standard errors wide (about ±1.5% at 80%
 * over 2,500 steps) plus what the estimated scale costs.
 */
class CalibrationTest {
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  static final Duration STEP = Duration.ofMinutes(5);
  static final int STEPS = 3000;

  private static DetectorConfig config(int period) {
    return DetectorConfig.defaults("calibration", "calibration series")
        .withPeriod(period)
        .withThresholds(Thresholds.forAlarmRates(STEP, 1, 1));
  }

  /** Inside counts over the scored steps of one run. */
  record Run(Coverage coverage, int alarms, int scored, double minSd) {}

  private static Run run(
      DetectorConfig config, int steps, IntToDoubleFunction value, IntToDoubleFunction variance) {
    AnomalyDetector detector = new AnomalyDetector(config);
    int alarms = 0, scored = 0;
    double minSd = Double.POSITIVE_INFINITY;
    for (int t = 0; t < steps; t++) {
      AnomalyResult r =
          detector.observe(
              START.plus(STEP.multipliedBy(t)), value.applyAsDouble(t), variance.applyAsDouble(t));
      if (r.status() == DetectorStatus.SCORED) {
        scored++;
        alarms += r.isAlarm() ? 1 : 0;
        minSd = Math.min(minSd, r.sd());
      }
    }
    assertThat(detector.totalCoverage().scored()).isEqualTo(scored);
    return new Run(detector.totalCoverage(), alarms, scored, minSd);
  }

  private static void assertCalibrated(Run run, double tolerance80, double tolerance95) {
    assertThat(run.scored()).isGreaterThan(2000);
    assertThat(run.coverage().coverage80()).as("80% coverage").isCloseTo(0.80, within(tolerance80));
    assertThat(run.coverage().coverage95()).as("95% coverage").isCloseTo(0.95, within(tolerance95));
  }

  private static org.assertj.core.data.Offset<Double> within(double d) {
    return org.assertj.core.data.Offset.offset(d);
  }

  @Test
  void gaussianNoiseIsCoveredAtTheNominalLevels() {
    Random random = new Random(11);
    Run run = run(config(1), STEPS, t -> 500 + 8 * random.nextGaussian(), t -> 0);
    assertCalibrated(run, 0.035, 0.02);
  }

  @Test
  void aDailyCycleIsCoveredAtTheNominalLevels() {
    Random random = new Random(12);
    int period = 48;
    Run run =
        run(
            config(period),
            STEPS,
            t -> 1000 + 200 * Math.sin(2 * Math.PI * t / period) + 10 * random.nextGaussian(),
            t -> 0);
    assertCalibrated(run, 0.04, 0.025);
  }

  @Test
  void noiseThatGrowsWithTheLevelIsCoveredAtTheNominalLevels() {
    Random random = new Random(13);
    // The level grows tenfold and the noise with it (3% of the level).
    Run run =
        run(
            config(1),
            STEPS,
            t -> {
              double level = 200 * Math.exp(Math.log(10) * t / STEPS);
              return level * (1 + 0.03 * random.nextGaussian());
            },
            t -> 0);
    assertCalibrated(run, 0.04, 0.025);
  }

  @Test
  void poissonCountsAreCoveredAndNoIntervalIsNarrowerThanACount() {
    Random random = new Random(14);
    Run run = run(config(1).withCounts(1, true), STEPS, t -> poisson(random, 30), t -> 0);
    // Counts are discrete: a central interval cannot hold exactly 80%, and the continuity
    // correction errs on the wide side.
    assertThat(run.coverage().coverage80()).isBetween(0.77, 0.90);
    assertThat(run.coverage().coverage95()).isBetween(0.93, 0.99);

    Random sparse = new Random(15);
    Run rare = run(config(1).withCounts(1, true), STEPS, t -> poisson(sparse, 0.3), t -> 0);
    // A table that is written to now and then: mostly zeros. The variance of its counts is
    // at least their mean, so ones and twos stay inside, and no interval is under a count.
    assertThat(rare.minSd()).isGreaterThanOrEqualTo(0.5);
    assertThat(rare.coverage().coverage95()).isGreaterThanOrEqualTo(0.95);
    assertThat(rare.alarms()).isLessThanOrEqualTo(2);
  }

  @Test
  void meansOverFewRowsAreCoveredWithTheirStandardError() {
    double rowSd = 10;
    Random random = new Random(16);
    int[] rows = new int[STEPS];
    double[] means = new double[STEPS];
    for (int t = 0; t < STEPS; t++) {
      // Most shadows write dozens of rows, some only one to three: the "quantity.mean ±0.014"
      // case, whose few-row means alarmed against the spread of the many-row ones.
      rows[t] = random.nextInt(10) == 0 ? 1 + random.nextInt(3) : 40 + random.nextInt(40);
      double sum = 0;
      for (int i = 0; i < rows[t]; i++) {
        sum += 50 + rowSd * random.nextGaussian();
      }
      means[t] = sum / rows[t];
    }
    Run withError = run(config(1), STEPS, t -> means[t], t -> rowSd * rowSd / rows[t]);
    assertCalibrated(withError, 0.035, 0.02);
    assertThat(withError.alarms()).isLessThanOrEqualTo(2);

    // Without the standard error the few-row means are judged by the spread of the many-row
    // ones: that is what alarmed on clean runs.
    Run without = run(config(1), STEPS, t -> means[t], t -> 0);
    assertThat(without.alarms()).isGreaterThan(20);
  }

  @Test
  void falseAlarmsOnCleanDataComeAboutAsOftenAsConfigured() {
    // 30 warnings per month at 5-minute steps: one step in 288, so that 40,000 clean steps
    // expect about 139 alarms, enough to tell the rate from a Gaussian-tail mistake.
    DetectorConfig frequent = config(1).withThresholds(Thresholds.forAlarmRates(STEP, 30, 12));
    int alarms = 0, scored = 0;
    for (int series = 0; series < 10; series++) {
      Random random = new Random(100 + series);
      Run run = run(frequent, 4000 + 98, t -> 300 + 5 * random.nextGaussian(), t -> 0);
      alarms += run.alarms();
      scored += run.scored();
    }
    double stepsPerMonth = Thresholds.DAYS_PER_MONTH * 24 * 12;
    double expected = 30 * scored / stepsPerMonth;
    assertThat((double) alarms).isBetween(0.6 * expected, 1.5 * expected);
  }

  @Test
  void aRealShiftStillAlarmsWithinTwoSteps() {
    for (long seed = 1; seed <= 5; seed++) {
      Random random = new Random(seed);
      int shiftAt = 1500;
      AnomalyDetector detector = new AnomalyDetector(config(1));
      int firstAlarm = -1;
      for (int t = 0; t < shiftAt + 10; t++) {
        // Seven noise sds: a move no clean step makes in a lifetime of 5-minute steps.
        double v = 100 + (t >= shiftAt ? 7 : 0) + random.nextGaussian();
        AnomalyResult r = detector.observe(START.plus(STEP.multipliedBy(t)), v);
        if (t >= shiftAt && r.isAlarm() && firstAlarm < 0) {
          firstAlarm = t;
        }
        if (t < shiftAt) {
          assertThat(r.severity()).as("step " + t).isNotEqualTo(Severity.CRITICAL);
        }
      }
      assertThat(firstAlarm).as("seed " + seed).isBetween(shiftAt, shiftAt + 1);
    }
  }

  @Test
  void thresholdsFollowTheAlarmRatesAndTheStep() {
    Thresholds fiveMinutes = Thresholds.forAlarmRates(Duration.ofMinutes(5), 1, 1);
    // One step in 8,766 (a month of 5-minute steps) and one in 105,192 (a year).
    assertThat(Thresholds.tailOfScore(fiveMinutes.warning())).isCloseTo(1 / 8766.0, within(1e-6));
    assertThat(Thresholds.tailOfScore(fiveMinutes.critical()))
        .isCloseTo(1 / 105_192.0, within(1e-8));
    assertThat(fiveMinutes.warning()).isCloseTo(3.86, within(0.01));
    Thresholds fiveSeconds = Thresholds.forAlarmRates(Duration.ofSeconds(5), 1, 1);
    assertThat(fiveSeconds.warning()).isGreaterThan(fiveMinutes.critical());
    assertThat(Thresholds.forAlarmRates(Duration.ofHours(1), 1, 1).warning())
        .isLessThan(fiveMinutes.warning());
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Thresholds.forAlarmRates(Duration.ofMinutes(5), 1, 24))
        .hasMessageContaining("rarer");
  }

  private static double poisson(Random random, double mean) {
    double limit = Math.exp(-mean), product = random.nextDouble();
    int k = 0;
    while (product > limit) {
      product *= random.nextDouble();
      k++;
    }
    return k;
  }
}

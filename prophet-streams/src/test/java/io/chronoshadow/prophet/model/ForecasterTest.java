package io.chronoshadow.prophet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chronoshadow.prophet.eval.SyntheticSpec;
import io.chronoshadow.prophet.eval.SyntheticSuite;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ForecasterTest {
  private static double[] clean(long seed, int n, double trend, int period, double noise) {
    SyntheticSpec spec =
        new SyntheticSpec(
            "clean", n, Duration.ofHours(1), 1_000, trend, period, 50, noise, 0, 0, 0, 7, 12, 0);
    return SyntheticSuite.generate(spec, seed).values();
  }

  @Test
  void seasonalNaiveRepeatsTheLastSeasonWithEmpiricalIntervals() {
    double[] y = {1, 2, 3, 2, 4, 5, 3, 6, 7};
    Forecaster f = new SeasonalNaiveSpec(3).fit(y).forecaster();
    assertThat(f.forecast(1).point()).isEqualTo(3);
    assertThat(f.forecast(2).point()).isEqualTo(6);
    assertThat(f.forecast(4).point()).isEqualTo(3);
    // Seasonal differences: 1, 2, 2, 1, 2, 2 → sorted 1, 1, 2, 2, 2, 2.
    assertThat(f.forecast(1).quantile(0.5)).isEqualTo(3 + 2);
    assertThat(f.forecast(1).quantile(0.3)).isCloseTo(3 + 1.5, within(1e-12));
    // Two seasons ahead the error is a sum of two differences: quantiles widen by √2.
    assertThat(f.forecast(4).quantile(0.5)).isCloseTo(3 + 2 * Math.sqrt(2), within(1e-12));
    f.update(Double.NaN); // missing: carries the seasonal value, adds no difference
    assertThat(f.forecast(3).point()).isEqualTo(3);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void holtWintersEightyPercentIntervalsCoverAboutEightyPercentOnCleanData(long seed) {
    double[] y = clean(seed, 1_200, 0.3, 24, 8);
    for (ModelKind kind : ModelKind.values()) {
      Forecaster f = kind.spec(24).fit(Arrays.copyOf(y, 480)).forecaster();
      int inside = 0;
      for (int t = 480; t < y.length; t++) {
        inside += f.forecast(1).interval(0.8).contains(y[t]) ? 1 : 0;
        f.update(y[t]);
      }
      double coverage = inside / (double) (y.length - 480);
      assertThat(coverage).as(kind + " seed " + seed).isBetween(0.7, 0.9);
    }
  }

  @Test
  void holtWintersRecoversTrendAndSeasonClosely() {
    double[] y = clean(7, 600, 0.5, 24, 2);
    Forecaster f = new HoltWintersSpec(24, false, false).fit(y).forecaster();
    for (int h = 1; h <= 24; h++) {
      int t = 600 + h - 1;
      double truth = 1_000 + 0.5 * t + 50 * Math.sin(2 * Math.PI * t / 24);
      assertThat(f.forecast(h).point()).isCloseTo(truth, within(8.0));
    }
    // Intervals widen with the horizon.
    assertThat(f.forecast(24).interval(0.8).halfWidth())
        .isGreaterThan(f.forecast(1).interval(0.8).halfWidth());
  }

  @Test
  void robustUpdateLimitsHowFarOneOutlierMovesTheLevel() {
    double[] y = clean(11, 480, 0, 24, 5);
    Forecaster plain = new HoltWintersSpec(24, false, false).fit(y).forecaster();
    HoltWinters robust = (HoltWinters) new HoltWintersSpec(24, false, true).fit(y).forecaster();
    HoltWintersParams p = robust.params();
    double bound =
        (p.alpha() + 24 * p.beta() + p.gamma())
            * HoltWintersSpec.DEFAULT_HUBER_K
            * robust.innovationSd();
    double plainBefore = plain.forecast(25).point();
    double robustBefore = robust.forecast(25).point();
    double outlier = plain.forecast(1).point() + 1_000;
    plain.update(outlier);
    robust.update(outlier);
    double plainMove = Math.abs(plain.forecast(24).point() - plainBefore);
    double robustMove = Math.abs(robust.forecast(24).point() - robustBefore);
    // The clipped error moves level, 24 steps of trend and the season by at most their gains × k·σ.
    assertThat(robustMove).isLessThanOrEqualTo(bound * 1.0001);
    assertThat(robustMove).isLessThan(plainMove / 10);
  }

  @Test
  void updateIsConstantTimeAndForecastHasNoSideEffects() {
    double[] y = clean(3, 400, 0.1, 24, 3);
    Forecaster f = ModelKind.HOLT_WINTERS_DAMPED.spec(24).fit(y).forecaster();
    Forecaster copy = f.copy();
    f.forecast(48);
    assertThat(f.forecast(5).point()).isEqualTo(copy.forecast(5).point());
    copy.update(y[0]);
    assertThat(f.forecast(5).point()).isNotEqualTo(copy.forecast(5).point());
  }

  @Test
  void seasonalityDetectorFindsThePeriodOrNone() {
    SeasonalityDetector detector = SeasonalityDetector.defaults();
    assertThat(detector.detect(clean(1, 24 * 14, 0.5, 24, 10))).isEqualTo(24);
    assertThat(detector.detect(clean(2, 7 * 40, 1, 7, 10))).isEqualTo(7);
    SplittableRandom random = new SplittableRandom(5);
    double[] noise = new double[400];
    for (int t = 0; t < noise.length; t++) {
      noise[t] = 100 + 0.2 * t + random.nextDouble() * 10;
    }
    assertThat(detector.detect(noise)).isEqualTo(1);
  }

  @Test
  void candidatePeriodsFollowTheStepLength() {
    assertThat(SeasonalityDetector.forStep(Duration.ofMinutes(5)).candidates())
        .containsExactly(12, 288);
    assertThat(SeasonalityDetector.forStep(Duration.ofHours(1)).candidates())
        .containsExactly(24, 168);
    assertThat(SeasonalityDetector.forStep(Duration.ofDays(1)).candidates()).containsExactly(7);
    assertThat(SeasonalityDetector.forStep(Duration.ofMinutes(7)).maxCandidate()).isEqualTo(288);
  }

  @Test
  void levelShiftsLookLikePersistenceNotLikeAShortSeason() {
    SeasonalityDetector detector = SeasonalityDetector.defaults();
    double[] flat = clean(3, 24 * 14, 0, 1, 10);
    double[] seasonal = clean(4, 24 * 14, 0, 24, 10);
    for (int t = 0; t < flat.length; t++) {
      double shift = t >= 100 ? 60 : 0;
      shift += t >= 220 ? -90 : 0;
      flat[t] += shift;
      seasonal[t] += shift;
    }
    assertThat(detector.detect(flat)).isEqualTo(1);
    assertThat(detector.detect(seasonal)).isEqualTo(24);
  }
}

package io.chronoshadow.prophet.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTest {
  @Test
  void smapeByHand() {
    // |100−110|/(210) · 200 = 9.5238…, |50−40|/90 · 200 = 22.222…, 0/0 counts as 0.
    double smape = ForecastMetrics.smape(new double[] {100, 50, 0}, new double[] {110, 40, 0});
    assertThat(smape).isCloseTo((2000.0 / 210 + 2000.0 / 90 + 0) / 3, within(1e-12));
  }

  @Test
  void maseByHand() {
    double[] training = {1, 2, 3, 2, 4, 6}; // m = 3: |2−1|, |4−2|, |6−3| → scale 2
    assertThat(ForecastMetrics.seasonalNaiveScale(training, 3)).isEqualTo(2);
    double mase =
        ForecastMetrics.mase(new double[] {5, 7}, new double[] {4, 4}, training, 3); // MAE 2
    assertThat(mase).isEqualTo(1.0);
    assertThat(ForecastMetrics.seasonalNaiveScale(training, 1))
        .isEqualTo((1 + 1 + 1 + 2 + 2) / 5.0);
  }

  @Test
  void detectionPrecisionRecallF1AndDelayByHand() {
    //                 0      1      2      3      4      5      6      7      8      9     10
    // 11
    boolean[] labels = {
      false, true, false, false, false, false, true, true, false, false, true, false
    };
    boolean[] alarms = {
      false, false, true, true, false, true, false, false, false, false, false, false
    };
    // Windows: [1] (range 1..3 with D = 2), [6,7] (range 6..8), [10] (range 10..11).
    // Alarm events: {2,3} inside window 1's range → true (delay 1); {5} → false.
    DetectionScore score = DetectionMetrics.score(labels, alarms, 2);
    assertThat(score.windows()).isEqualTo(3);
    assertThat(score.detectedWindows()).isEqualTo(1);
    assertThat(score.alarmEvents()).isEqualTo(2);
    assertThat(score.trueAlarmEvents()).isEqualTo(1);
    assertThat(score.precision()).isEqualTo(0.5);
    assertThat(score.recall()).isCloseTo(1 / 3.0, within(1e-12));
    assertThat(score.f1()).isCloseTo(2 * 0.5 * (1 / 3.0) / (0.5 + 1 / 3.0), within(1e-12));
    assertThat(score.meanDelaySteps()).isEqualTo(1.0);
  }

  @Test
  void delayWindowExtendsPastShortWindowsOnly() {
    boolean[] labels = {false, true, false, false, false};
    assertThat(
            DetectionMetrics.score(labels, new boolean[] {false, false, false, true, false}, 1)
                .detectedWindows())
        .isZero();
    assertThat(
            DetectionMetrics.score(labels, new boolean[] {false, false, false, true, false}, 2)
                .meanDelaySteps())
        .isEqualTo(2.0);
  }

  @Test
  void noAlarmsAndNoWindowsIsPerfectAndPoolingSumsCounts() {
    DetectionScore empty = DetectionMetrics.score(new boolean[4], new boolean[4], 3);
    assertThat(empty.f1()).isEqualTo(1.0);
    DetectionScore a = new DetectionScore(2, 2, 2, 2, 1, 1, 1, 1.0);
    DetectionScore b = new DetectionScore(2, 0, 2, 0, 0, 0, 0, Double.NaN);
    DetectionScore pooled = DetectionScore.pooled(List.of(a, b));
    assertThat(pooled.precision()).isEqualTo(0.5);
    assertThat(pooled.recall()).isEqualTo(0.5);
    assertThat(pooled.meanDelaySteps()).isEqualTo(1.0);
  }
}

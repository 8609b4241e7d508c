package io.chronoshadow.prophet.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chronoshadow.prophet.anomaly.AnomalyDetector;
import io.chronoshadow.prophet.anomaly.DetectorConfig;
import io.chronoshadow.prophet.model.Forecaster;
import io.chronoshadow.prophet.model.HoltWintersSpec;
import io.chronoshadow.prophet.model.SeasonalNaiveSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FutureStatePredictorTest {
  private static double[] ramp(int n, double slope) {
    double[] y = new double[n];
    for (int t = 0; t < n; t++) {
      y[t] = 100 + slope * t + 10 * Math.sin(2 * Math.PI * t / 12) + ((t * 7919) % 13 - 6) * 0.1;
    }
    return y;
  }

  @Test
  void forecastsEverySeriesOfTheGroupAtItsOwnHorizonWithIntervals() {
    Instant last = Instant.parse("2026-11-27T14:00:00Z");
    Forecaster rows = new HoltWintersSpec(12, false, false).fit(ramp(240, 1)).forecaster();
    Forecaster sums = new SeasonalNaiveSpec(12).fit(ramp(240, 0)).forecaster();
    SeriesState hourly = new SeriesState("orders.rows", last, Duration.ofHours(1), rows);
    SeriesState quarter = new SeriesState("orders.amount_sum", last, Duration.ofMinutes(15), sums);

    GroupForecast group =
        FutureStatePredictor.predictFutureState(
            "shop", List.of(hourly, quarter), last.plus(Duration.ofMinutes(150)), 0.9);

    assertThat(group.series())
        .extracting(SeriesForecast::seriesId)
        .containsExactly("orders.amount_sum", "orders.rows");
    SeriesForecast sum = group.series().get(0);
    SeriesForecast row = group.series().get(1);
    assertThat(sum.horizonSteps()).isEqualTo(10);
    assertThat(sum.target()).isEqualTo(last.plus(Duration.ofMinutes(150)));
    assertThat(row.horizonSteps()).isEqualTo(3); // 2.5 h rounds up to the step ending at 17:00
    assertThat(row.target()).isEqualTo(Instant.parse("2026-11-27T17:00:00Z"));
    assertThat(row.point()).isEqualTo(rows.forecast(3).point());
    for (SeriesForecast f : group.series()) {
      assertThat(f.lower()).isLessThan(f.p10());
      assertThat(f.p10()).isLessThan(f.p90());
      assertThat(f.p90()).isLessThan(f.upper());
    }
    assertThatThrownBy(
            () -> FutureStatePredictor.predictFutureState("shop", List.of(hourly), last, 0.9))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void predictsFromADetectorsLiveStateWithoutChangingIt() {
    AnomalyDetector detector =
        new AnomalyDetector(
            DetectorConfig.defaults("orders.rows", "rows of shop.orders").withPeriod(12));
    double[] y = ramp(200, 0.5);
    Instant start = Instant.parse("2026-11-27T00:00:00Z");
    for (int t = 0; t < y.length; t++) {
      detector.observe(start.plus(Duration.ofMinutes(5L * t)), y[t]);
    }
    Forecaster live = detector.forecaster().orElseThrow();
    double before = live.forecast(1).point();
    SeriesState state =
        new SeriesState(
            "orders.rows", detector.lastStep().orElseThrow(), Duration.ofMinutes(5), live);

    GroupForecast group =
        FutureStatePredictor.predictFutureState(
            "shop", List.of(state), state.lastStep().plus(Duration.ofHours(1)), 0.8);

    assertThat(group.series()).hasSize(1);
    assertThat(group.series().get(0).horizonSteps()).isEqualTo(12);
    assertThat(group.series().get(0).point()).isBetween(100 + 0.5 * 211 - 15, 100 + 0.5 * 211 + 15);
    assertThat(live.forecast(1).point()).isEqualTo(before);
  }
}

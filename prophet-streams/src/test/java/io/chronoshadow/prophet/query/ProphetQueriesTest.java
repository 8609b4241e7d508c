package io.chronoshadow.prophet.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chronoshadow.prophet.causal.ImpactEstimate;
import io.chronoshadow.prophet.engine.AnalysisSettings;
import io.chronoshadow.prophet.engine.MapSeriesStore;
import io.chronoshadow.prophet.engine.ProphetEngine;
import io.chronoshadow.prophet.engine.SyntheticStats;
import io.chronoshadow.prophet.features.TableStats;
import io.chronoshadow.prophet.features.WatchRules;
import io.chronoshadow.prophet.model.ModelKind;
import io.chronoshadow.prophet.predict.GroupForecast;
import io.chronoshadow.prophet.predict.SeriesForecast;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProphetQueriesTest {

  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  static final Duration STEP = Duration.ofSeconds(10);
  static final String ORDER_ROWS = "shop/shop.orders/rows";

  private final AnalysisSettings settings =
      new AnalysisSettings(
          STEP,
          Map.of(),
          3,
          6,
          0.8,
          500,
          1,
          30,
          "hw-damped",
          false,
          true,
          Pattern.compile("id"),
          WatchRules.none());
  private final MapSeriesStore store = new MapSeriesStore();
  private final ProphetEngine engine = new ProphetEngine(settings, store);
  private final SyntheticStats stats = new SyntheticStats(11, START, STEP);
  private final ProphetQueries queries = new ProphetQueries(store, settings);

  private void shadows(int n) {
    for (int i = 0; i < n; i++) {
      for (TableStats t : stats.next()) {
        engine.onStats(t);
      }
    }
  }

  @BeforeEach
  void history() {
    shadows(120);
  }

  @Test
  void theFutureStateHasEveryMetricOfEveryTableWithIntervalsThatHoldTheTruth() {
    Instant last = stats.cut();
    GroupForecast future =
        queries.predictFutureState("shop", Duration.ofSeconds(30), Optional.empty(), 0.95);
    assertThat(future.series())
        .extracting(SeriesForecast::seriesId)
        .containsExactly(
            "shop/shop.orders/deletes",
            "shop/shop.orders/inserts",
            ORDER_ROWS,
            "shop/shop.payments/deletes",
            "shop/shop.payments/inserts",
            "shop/shop.payments/rows");
    for (SeriesForecast s : future.series()) {
      assertThat(s.target()).isEqualTo(last.plusSeconds(30));
      assertThat(s.horizonSteps()).isEqualTo(3);
      assertThat(s.lower()).isLessThanOrEqualTo(s.p50());
      assertThat(s.p50()).isLessThanOrEqualTo(s.upper());
    }
    SeriesForecast rows =
        future.series().stream().filter(s -> s.seriesId().equals(ORDER_ROWS)).findFirst().get();
    double rowsNow = store.stepCount(ORDER_ROWS) > 0 ? lastValue(ORDER_ROWS) : Double.NaN;
    // About 20 new orders per step.
    assertThat(rows.point()).isBetween(rowsNow + 40, rowsNow + 80);
    shadows(3);
    assertThat(lastValue(ORDER_ROWS)).isBetween(rows.lower(), rows.upper());
  }

  @Test
  void aShadowIdOrAFamilyCanBeNamedAndBadArgumentsSayWhatIsWrong() {
    Instant at = stats.cut().plusSeconds(60);
    String shadowId =
        "shadow-shop-"
            + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
                .withZone(java.time.ZoneOffset.UTC)
                .format(at);
    GroupForecast byShadow =
        queries.predictFutureState("shop", shadowId, Optional.of(ModelKind.SEASONAL_NAIVE), 0.8);
    assertThat(byShadow.at()).isEqualTo(at);
    assertThat(byShadow.series()).allSatisfy(s -> assertThat(s.horizonSteps()).isEqualTo(6));
    assertThatThrownBy(
            () -> queries.predictFutureState("shop", "shadow-billing-x", Optional.empty(), 0.8))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a shadow of group shop");
    assertThatThrownBy(() -> queries.predictFutureState("shop", START, Optional.empty(), 0.8))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not after the last analysed step");
    assertThatThrownBy(
            () -> queries.predictFutureState("nope", Duration.ofMinutes(1), Optional.empty(), 0.8))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining("no analysed series in group nope");
    assertThatThrownBy(
            () -> queries.predictFutureState("shop", Duration.ofMinutes(1), Optional.empty(), 1.5))
        .hasMessageContaining("level must be strictly between 0 and 1");
  }

  @Test
  void grangerFindsThatOrdersLeadPaymentsAndNotTheOtherWayRound() {
    GrangerReport report = queries.granger("shop", 3);
    GrangerPair forward =
        report.pairs().stream()
            .filter(
                p ->
                    p.cause().equals("shop/shop.orders/inserts")
                        && p.effect().equals("shop/shop.payments/inserts"))
            .findFirst()
            .orElseThrow();
    GrangerPair backward =
        report.pairs().stream()
            .filter(
                p ->
                    p.cause().equals("shop/shop.payments/inserts")
                        && p.effect().equals("shop/shop.orders/inserts"))
            .findFirst()
            .orElseThrow();
    assertThat(forward.pValue()).isLessThan(1e-6);
    assertThat(forward.lag()).isGreaterThanOrEqualTo(1);
    assertThat(backward.pValue()).isGreaterThan(0.01);
    assertThat(report.pairs().get(0).pValue()).isLessThanOrEqualTo(forward.pValue());
    // Nobody deletes: no variation, no test.
    assertThat(report.skipped()).containsEntry("shop/shop.orders/deletes", "no variation");
    assertThatThrownBy(() -> queries.granger("shop", 0)).hasMessageContaining("maxLag");
  }

  @Test
  void theImpactOfAMassDeleteIsItsSizeWithAnIntervalThatExcludesZero() {
    Instant before = stats.cut();
    stats.deleteOrders(500);
    shadows(10);
    Instant intervention = before.plus(STEP);
    ImpactEstimate impact =
        queries.interventionImpact("shop", ORDER_ROWS, intervention, Optional.empty(), 0.95);
    assertThat(impact.points()).hasSize(10);
    assertThat(impact.points().get(0).time()).isEqualTo(intervention);
    assertThat(impact.average().estimate()).isBetween(-560.0, -440.0);
    assertThat(impact.average().upper()).isLessThan(0);
    ImpactEstimate onPayments =
        queries.interventionImpact(
            "shop",
            "shop/shop.payments/rows",
            intervention,
            Optional.of(ModelKind.HOLT_WINTERS),
            0.95);
    assertThat(onPayments.average().lower()).isLessThan(0);
    assertThat(onPayments.average().upper()).isGreaterThan(0);
    assertThatThrownBy(
            () ->
                queries.interventionImpact(
                    "shop", "shop/x/rows", intervention, Optional.empty(), 0.9))
        .hasMessageContaining("no series shop/x/rows in group shop");
  }

  private double lastValue(String seriesId) {
    double[] last = {Double.NaN};
    store.forEachStep(seriesId, (t, v) -> last[0] = v);
    return last[0];
  }
}

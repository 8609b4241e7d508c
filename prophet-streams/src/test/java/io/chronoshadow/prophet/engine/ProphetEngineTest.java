package io.chronoshadow.prophet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.chronoshadow.prophet.anomaly.DetectorStatus;
import io.chronoshadow.prophet.anomaly.Severity;
import io.chronoshadow.prophet.features.ColumnFigures;
import io.chronoshadow.prophet.features.MetricSample;
import io.chronoshadow.prophet.features.SeriesKey;
import io.chronoshadow.prophet.features.TableStats;
import io.chronoshadow.prophet.features.WatchRules;
import io.chronoshadow.prophet.series.MetricKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ProphetEngineTest {

  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  static final Duration STEP = Duration.ofSeconds(10);

  static AnalysisSettings settings(int historySteps) {
    return settings(historySteps, WatchRules.none());
  }

  static AnalysisSettings settings(int historySteps, WatchRules watch) {
    return new AnalysisSettings(
        STEP,
        Map.of(),
        3,
        6,
        0.8,
        historySteps,
        1,
        30,
        "hw-damped",
        false,
        true,
        Pattern.compile("id"),
        watch);
  }

  private static List<SeriesStep> feed(ProphetEngine engine, SyntheticStats stats, int shadows) {
    List<SeriesStep> out = new ArrayList<>();
    for (int i = 0; i < shadows; i++) {
      for (TableStats t : stats.next()) {
        StatsOutcome o = engine.onStats(t);
        assertThat(o.isRejected()).as(o.rejection()).isFalse();
        out.addAll(o.steps());
      }
    }
    return out;
  }

  @Test
  void ratesArePerSecondOfTheShadowAndRowsAreTheLevelAtTheStepEnd() {
    ProphetEngine engine = new ProphetEngine(settings(500), new MapSeriesStore());
    SyntheticStats stats = new SyntheticStats(1, START, STEP);
    List<SeriesStep> steps = feed(engine, stats, 5);
    // Shadow k (k = 1..5) ends at START + k·10 s; steps complete one shadow later.
    List<SeriesStep> inserts =
        steps.stream().filter(s -> s.key().metric().equals("inserts")).toList();
    assertThat(inserts).isNotEmpty();
    for (SeriesStep s : inserts) {
      // About 20 inserts per 10 s shadow: about 2 per second, never the raw count.
      assertThat(s.verdict().observed()).isBetween(0.5, 4.0);
    }
    List<SeriesStep> rows =
        steps.stream()
            .filter(s -> s.key().equals(new SeriesKey("shop", SyntheticStats.ORDERS, "rows")))
            .toList();
    // Each shadow's row count is final at its own cut: no lag of one shadow.
    assertThat(rows).hasSize(5);
    assertThat(rows.get(0).verdict().time()).isEqualTo(START.plusSeconds(10));
    assertThat(rows)
        .allSatisfy(s -> assertThat(s.verdict().status()).isEqualTo(DetectorStatus.WARMING_UP));
    assertThat(rows).allSatisfy(s -> assertThat(s.forecast()).isEmpty());
  }

  @Test
  void afterWarmUpEveryStepForecastsAndARunawayDeleteIsACriticalDropOfRows() {
    AnalysisSettings settings = settings(500);
    ProphetEngine engine = new ProphetEngine(settings, new MapSeriesStore());
    SyntheticStats stats = new SyntheticStats(2, START, STEP);
    int warmup = settings.warmupSteps(STEP);
    List<SeriesStep> before = feed(engine, stats, warmup + 20);
    assertThat(before.stream().filter(s -> s.verdict().isAlarm()))
        .as("a clean series raises no alarm")
        .isEmpty();
    List<SeriesStep> warm =
        before.stream().filter(s -> s.verdict().status() == DetectorStatus.SCORED).toList();
    assertThat(warm).isNotEmpty();
    assertThat(warm)
        .allSatisfy(
            s -> {
              assertThat(s.forecast()).hasSize(6);
              assertThat(s.model()).startsWith("hw-damped");
              ForecastPoint first = s.forecast().get(0);
              assertThat(first.time()).isEqualTo(s.verdict().time().plus(STEP));
              assertThat(first.lower()).isLessThanOrEqualTo(first.point());
              assertThat(first.upper()).isGreaterThanOrEqualTo(first.point());
              assertThat(first.quantiles()).isSorted();
            });

    stats.deleteOrders(500);
    List<SeriesStep> after = feed(engine, stats, 3);
    SeriesStep drop =
        after.stream()
            .filter(s -> s.key().equals(new SeriesKey("shop", SyntheticStats.ORDERS, "rows")))
            .filter(s -> s.verdict().isAlarm())
            .findFirst()
            .orElseThrow();
    assertThat(drop.verdict().severity()).isEqualTo(Severity.CRITICAL);
    assertThat(drop.verdict().observed()).isLessThan(drop.verdict().expected());
    assertThat(drop.verdict().explanation())
        .startsWith("row count of shop.orders fell")
        .contains("below the expected");
    assertThat(
            after.stream().filter(s -> s.verdict().isAlarm()).map(s -> s.key().table()).distinct())
        .as("payments were not touched")
        .containsExactly(SyntheticStats.ORDERS);
  }

  @Test
  void anUnwatchedSeriesIsStillScoredAndForecastButItsAnomaliesAreNoAlarm() {
    AnalysisSettings settings =
        settings(
            500, new WatchRules(Map.of(), Map.of("shop", Pattern.compile("shop\\.orders/.*"))));
    ProphetEngine engine = new ProphetEngine(settings, new MapSeriesStore());
    SyntheticStats stats = new SyntheticStats(2, START, STEP);
    feed(engine, stats, settings.warmupSteps(STEP) + 20);
    stats.deleteOrders(500);
    List<SeriesStep> after = feed(engine, stats, 3);
    assertThat(after.stream().filter(s -> s.verdict().isAlarm())).isEmpty();
    SeriesStep drop =
        after.stream()
            .filter(s -> s.key().equals(new SeriesKey("shop", SyntheticStats.ORDERS, "rows")))
            .filter(s -> s.verdict().severity() == Severity.INFO)
            .findFirst()
            .orElseThrow();
    assertThat(drop.verdict().explanation())
        .startsWith("row count of shop.orders fell")
        .endsWith("(not alarmed: excluded by the group's watch.exclude)");
    assertThat(drop.forecast()).hasSize(6);
  }

  @Test
  void aColumnsProfileSurvivesARestart() {
    MapSeriesStore store = new MapSeriesStore();
    ProphetEngine engine = new ProphetEngine(settings(500), store);
    SeriesKey lineNo = new SeriesKey("shop", "shop.order_lines", "line_no.mean");
    for (int i = 1; i <= 10; i++) {
      engine.onStats(lines(lineNo, i));
    }
    ProphetEngine restarted = new ProphetEngine(settings(500), store);
    restarted.restore();
    restarted.onStats(lines(lineNo, 11));
    SeriesMeta[] meta = new SeriesMeta[1];
    store.forEachMeta((id, bytes) -> meta[0] = SeriesMeta.decode(bytes));
    assertThat(meta[0].column().shadows()).isEqualTo(11);
    assertThat(meta[0].column().key()).isTrue();
    assertThat(meta[0].column().sumOfSquares()).isEqualTo(55.0);
  }

  private static TableStats lines(SeriesKey lineNo, int shadow) {
    return new TableStats(
        "shop",
        "shop.order_lines",
        "s" + shadow,
        START.plus(STEP.multipliedBy(shadow)),
        List.of(
            new MetricSample(
                lineNo,
                MetricKind.LEVEL,
                "mean line_no",
                1.5,
                new ColumnFigures(true, 2, 3, 5.0, 1, 2))));
  }

  @Test
  void aRestoredEngineContinuesExactlyAsTheUninterruptedOneAndDoesNotReAlarm() {
    AnalysisSettings settings = settings(500);
    int warmup = settings.warmupSteps(STEP);
    SyntheticStats a = new SyntheticStats(3, START, STEP);
    SyntheticStats b = new SyntheticStats(3, START, STEP);
    ProphetEngine uninterrupted = new ProphetEngine(settings, new MapSeriesStore());
    MapSeriesStore store = new MapSeriesStore();
    ProphetEngine first = new ProphetEngine(settings, store);

    feed(uninterrupted, a, warmup + 10);
    feed(first, b, warmup + 10);
    a.deleteOrders(400);
    b.deleteOrders(400);
    List<SeriesStep> alarmedA = feed(uninterrupted, a, 2);
    List<SeriesStep> alarmedB = feed(first, b, 2);
    assertThat(alarmedB.stream().filter(s -> s.verdict().isAlarm())).isNotEmpty();

    // "Restart": a new engine on the same store; its first record is the next shadow.
    ProphetEngine restarted = new ProphetEngine(settings, store);
    ProphetEngine.RestoreSummary summary = restarted.restore();
    assertThat(summary.series()).isEqualTo(6);
    assertThat(restarted.warmSeriesCount()).isEqualTo(6);

    List<SeriesStep> expected = feed(uninterrupted, a, 15);
    List<SeriesStep> actual = feed(restarted, b, 15);
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.get(i).verdict()).isEqualTo(expected.get(i).verdict());
      assertThat(actual.get(i).model()).isEqualTo(expected.get(i).model());
    }
    assertThat(alarmedA.size()).isEqualTo(alarmedB.size());
    // Nothing is repeated after the restart: every series continues with new steps only.
    Map<SeriesKey, Instant> lastBefore = new java.util.HashMap<>();
    alarmedB.forEach(s -> lastBefore.merge(s.key(), s.verdict().time(), (x, y) -> y));
    assertThat(actual)
        .allSatisfy(s -> assertThat(s.verdict().time()).isAfter(lastBefore.get(s.key())));
  }

  @Test
  void historyIsBoundedAndARestoreFromTheBoundIsStillWarm() {
    AnalysisSettings settings = settings(40);
    MapSeriesStore store = new MapSeriesStore();
    ProphetEngine engine = new ProphetEngine(settings, store);
    SyntheticStats stats = new SyntheticStats(4, START, STEP);
    feed(engine, stats, 120);
    assertThat(store.stepCount("shop/shop.orders/rows")).isEqualTo(40);
    ProphetEngine restarted = new ProphetEngine(settings, store);
    restarted.restore();
    assertThat(restarted.warmSeriesCount()).isEqualTo(6);
    List<SeriesStep> next = feed(restarted, stats, 5);
    assertThat(next.stream().filter(s -> s.verdict().isAlarm())).isEmpty();
    assertThat(next).allSatisfy(s -> assertThat(s.forecast()).isNotEmpty());
  }

  @Test
  void aShadowNotAfterTheTablesLastCutIsRejectedAndChangesNothing() {
    MapSeriesStore store = new MapSeriesStore();
    ProphetEngine engine = new ProphetEngine(settings(500), store);
    SyntheticStats stats = new SyntheticStats(5, START, STEP);
    List<TableStats> first = stats.next();
    engine.onStats(first.get(0));
    StatsOutcome again = engine.onStats(first.get(0));
    assertThat(again.isRejected()).isTrue();
    assertThat(again.rejection()).contains("is not after the table's last cut");
  }

  @Test
  void seriesWithoutSamplesAreAdvancedByTheGroupClockAsMissingSteps() {
    ProphetEngine engine = new ProphetEngine(settings(500), new MapSeriesStore());
    SeriesKey price = new SeriesKey("shop", "shop.products", "price.mean");
    Instant t = START;
    List<SeriesStep> steps = new ArrayList<>();
    for (int i = 1; i <= 8; i++) {
      t = t.plus(STEP);
      List<MetricSample> samples = new ArrayList<>();
      samples.add(
          new MetricSample(
              new SeriesKey("shop", "shop.products", "rows"), MetricKind.LEVEL, "rows", 100));
      if (i == 1) {
        samples.add(new MetricSample(price, MetricKind.LEVEL, "mean price", 9.5));
      }
      steps.addAll(
          engine.onStats(new TableStats("shop", "shop.products", "s" + i, t, samples)).steps());
    }
    List<SeriesStep> prices = steps.stream().filter(s -> s.key().equals(price)).toList();
    // Shadow 1 gives the price; it is carried for maxCarrySteps (3) steps, then missing.
    assertThat(prices).hasSize(8);
    assertThat(prices.subList(0, 4))
        .allSatisfy(s -> assertThat(s.verdict().observed()).isEqualTo(9.5));
    assertThat(prices.subList(4, 8)).allSatisfy(s -> assertThat(s.verdict().observed()).isNaN());
  }
}

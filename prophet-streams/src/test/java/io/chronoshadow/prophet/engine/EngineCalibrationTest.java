package io.chronoshadow.prophet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.chronoshadow.prophet.anomaly.Coverage;
import io.chronoshadow.prophet.anomaly.DetectorStatus;
import io.chronoshadow.prophet.features.ColumnFigures;
import io.chronoshadow.prophet.features.MetricSample;
import io.chronoshadow.prophet.features.SeriesKey;
import io.chronoshadow.prophet.features.TableStats;
import io.chronoshadow.prophet.query.ProphetQueries;
import io.chronoshadow.prophet.query.WatchedSeries;
import io.chronoshadow.prophet.series.MetricKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Means over few rows through the engine: each shadow's mean carries its standard error from the
 * aggregate's sum of squares and count, so a clean column whose shadows write between one and
 * eighty rows does not alarm, its coverage is reported with the series, and a restarted engine
 * scores the next steps exactly as the one that never stopped (the sampling variances are stored
 * with the history).
 */
class EngineCalibrationTest {
  static final String TABLE = "shop.order_lines";
  static final SeriesKey PRICE = new SeriesKey("shop", TABLE, "unit_price.mean");

  /** One shadow per step; its rows' prices are N(50, 10²); one shadow in ten writes 1–3 rows. */
  static final class Shadows {
    final Random random = new Random(21);
    Instant cut = ProphetEngineTest.START;
    long sequence;

    TableStats next() {
      sequence++;
      cut = cut.plus(ProphetEngineTest.STEP);
      int rows = random.nextInt(10) == 0 ? 1 + random.nextInt(3) : 40 + random.nextInt(40);
      double sum = 0, squares = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < rows; i++) {
        double v = Math.round((50 + 10 * random.nextGaussian()) * 100) / 100.0;
        sum += v;
        squares += v * v;
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      List<MetricSample> samples = new ArrayList<>();
      samples.add(
          new MetricSample(
              PRICE,
              MetricKind.LEVEL,
              "mean unit_price of rows written to " + TABLE,
              sum / rows,
              new ColumnFigures(false, rows, sum, squares, min, max)));
      return new TableStats("shop", TABLE, "shadow-shop-" + sequence, cut, samples);
    }
  }

  private static List<SeriesStep> feed(ProphetEngine engine, Shadows shadows, int n) {
    List<SeriesStep> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.addAll(engine.onStats(shadows.next()).steps());
    }
    return out;
  }

  @Test
  void meansOverFewRowsCarryTheirStandardErrorAndSurviveARestart() {
    MapSeriesStore store = new MapSeriesStore();
    ProphetEngine engine = new ProphetEngine(ProphetEngineTest.settings(1000), store);
    Shadows shadows = new Shadows();
    List<SeriesStep> steps = feed(engine, shadows, 600);
    List<SeriesStep> scored =
        steps.stream().filter(s -> s.verdict().status() == DetectorStatus.SCORED).toList();
    assertThat(scored).hasSizeGreaterThan(500);
    assertThat(scored).noneMatch(s -> s.verdict().isAlarm());
    // A one-row mean's interval is about √60 times wider than a sixty-row mean's.
    double widest = scored.stream().mapToDouble(s -> s.verdict().sd()).max().orElseThrow();
    double narrowest = scored.stream().mapToDouble(s -> s.verdict().sd()).min().orElseThrow();
    assertThat(widest / narrowest).isGreaterThan(4);

    Coverage coverage = engine.coverage().get(PRICE.id());
    assertThat(coverage.scored()).isEqualTo(scored.size());
    assertThat(coverage.coverage80()).isBetween(0.74, 0.86);
    assertThat(coverage.coverage95()).isBetween(0.92, 0.98);
    WatchedSeries served =
        new ProphetQueries(store, ProphetEngineTest.settings(1000)).watched("shop").get(0);
    assertThat(served.coverage()).isEqualTo(coverage);

    ProphetEngine restarted = new ProphetEngine(ProphetEngineTest.settings(1000), store);
    restarted.restore();
    assertThat(restarted.coverage().get(PRICE.id())).isEqualTo(coverage);
    Shadows again = new Shadows();
    again.random.setSeed(99);
    shadows.random.setSeed(99);
    again.cut = shadows.cut;
    again.sequence = shadows.sequence;
    List<SeriesStep> live = feed(engine, shadows, 50);
    List<SeriesStep> rebuilt = feed(restarted, again, 50);
    assertThat(rebuilt).hasSameSizeAs(live);
    for (int i = 0; i < live.size(); i++) {
      assertThat(rebuilt.get(i).verdict()).isEqualTo(live.get(i).verdict());
    }
  }
}

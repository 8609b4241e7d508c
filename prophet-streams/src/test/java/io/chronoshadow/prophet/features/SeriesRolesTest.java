package io.chronoshadow.prophet.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Each rule of {@link SeriesRoles}, with a case it must rule out and one it must leave watched. */
class SeriesRolesTest {

  static final String TABLE = "shop.order_lines";

  static WatchDecision decide(String metric, ColumnProfile profile) {
    return decide(metric, profile, WatchRules.none());
  }

  static WatchDecision decide(String metric, ColumnProfile profile, WatchRules rules) {
    return SeriesRoles.decide(new SeriesKey("shop", TABLE, metric), profile, rules);
  }

  /** {@code shadows} shadows of {@code perShadow} values each, drawn by {@code value}. */
  static ColumnProfile profile(
      boolean key, int shadows, int perShadow, java.util.function.IntToDoubleFunction value) {
    ColumnProfile p = ColumnProfile.NONE;
    int i = 0;
    for (int s = 0; s < shadows; s++) {
      double sum = 0;
      double squares = 0;
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (int r = 0; r < perShadow; r++) {
        double v = value.applyAsDouble(i++);
        sum += v;
        squares += v * v;
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      p = p.plus(new ColumnFigures(key, perShadow, sum, squares, min, max));
    }
    return p;
  }

  static ColumnProfile prices() {
    Random random = new Random(1);
    return profile(false, 40, 5, i -> Math.round(100 * (5 + 50 * random.nextDouble())) / 100.0);
  }

  @Test
  void rowCountsAndChangeRatesAreWatchedBytesAreNot() {
    for (String metric : new String[] {"rows", "inserts", "updates", "deletes"}) {
      assertThat(decide(metric, ColumnProfile.NONE).watched()).as(metric).isTrue();
    }
    WatchDecision bytes = decide("bytes", ColumnProfile.NONE);
    assertThat(bytes.watched()).isFalse();
    assertThat(bytes.reason()).contains("storage volume");
  }

  @Test
  void aMeasureIsWatched() {
    WatchDecision price = decide("unit_price.mean", prices());
    assertThat(price.watched()).as(price.reason()).isTrue();
    assertThat(price.reason()).startsWith("unit_price is a measure");
  }

  @Test
  void aPrimaryKeyColumnIsNotWatchedWhateverItsValues() {
    Random random = new Random(2);
    WatchDecision d = decide("amount.mean", profile(true, 40, 5, i -> 100 * random.nextDouble()));
    assertThat(d.watched()).isFalse();
    assertThat(d.reason()).isEqualTo("amount is part of the primary key");
  }

  @Test
  void identifierSequenceAndLineNumberNamesAreNotWatchedLookalikesAre() {
    ColumnProfile measure = prices();
    for (String column :
        new String[] {
          "line_no", "order_number", "event_seq", "position", "line", "customerId", "lineNo", "ID"
        }) {
      WatchDecision d = decide(column + ".mean", measure);
      assertThat(d.watched()).as(column).isFalse();
      assertThat(d.reason()).contains("named like an identifier");
    }
    for (String column : new String[] {"line_total", "paid", "casino", "total", "unit_price"}) {
      assertThat(decide(column + ".mean", measure).watched()).as(column).isTrue();
    }
  }

  @Test
  void timestampsAreNotWatchedByNameOrByEpochLikeValues() {
    assertThat(decide("placed_at.mean", prices()).watched()).isFalse();
    assertThat(decide("createdAt.mean", prices()).watched()).isFalse();
    // Milliseconds of 2026 that do not rise shadow over shadow (updated rows, out of order).
    Random random = new Random(3);
    WatchDecision d =
        decide(
            "modified.mean",
            profile(false, 40, 5, i -> 1_767_225_600_000L + random.nextInt(86_400_000)));
    assertThat(d.watched()).isFalse();
    assertThat(d.reason()).contains("epoch-like");
    assertThat(decide("lead_time.mean", prices()).watched()).as("a duration").isTrue();
  }

  @Test
  void aColumnWhoseShadowsEachStartAboveThePreviousOneIsASequence() {
    WatchDecision d = decide("ticket.mean", profile(false, 40, 5, i -> 1000 + 3 * i));
    assertThat(d.watched()).isFalse();
    assertThat(d.reason()).contains("39 of 39 shadows start above").contains("a sequence");
    // Rising on average but overlapping shadow to shadow: a trend of a measure, not a sequence.
    Random random = new Random(4);
    WatchDecision trend =
        decide("balance.mean", profile(false, 40, 5, i -> 10 * i + 200 * random.nextDouble()));
    assertThat(trend.watched()).as(trend.reason()).isTrue();
  }

  @Test
  void aNearConstantColumnIsNotWatched() {
    Random random = new Random(5);
    WatchDecision d =
        decide("vat_rate.mean", profile(false, 40, 5, i -> 0.2 + 1e-6 * random.nextGaussian()));
    assertThat(d.watched()).isFalse();
    assertThat(d.reason()).contains("near-constant");
    // Without sums of squares (records from before them) the range decides.
    ColumnProfile old = ColumnProfile.NONE;
    for (int s = 0; s < 20; s++) {
      old = old.plus(new ColumnFigures(false, 3, 30, null, 10, 10));
    }
    assertThat(decide("vat_rate.mean", old).watched()).isFalse();
    assertThat(old.standardDeviation()).isNaN();
  }

  @Test
  void fewSmallWholeValuesAreAnOrdinalNotAMeasure() {
    Random random = new Random(6);
    WatchDecision d = decide("rank_band.mean", profile(false, 40, 4, i -> 1 + random.nextInt(5)));
    assertThat(d.watched()).isFalse();
    assertThat(d.reason()).contains("whole values 1..5").contains("ordinal");
    // Whole values over a wide range (a stock level) are a measure.
    WatchDecision stock =
        decide("stock_level.mean", profile(false, 40, 4, i -> random.nextInt(500)));
    assertThat(stock.watched()).as(stock.reason()).isTrue();
    // Few values that are not whole (a rate) are a measure too.
    WatchDecision rate =
        decide("discount.mean", profile(false, 40, 4, i -> 0.05 * (1 + random.nextInt(4))));
    assertThat(rate.watched()).as(rate.reason()).isTrue();
  }

  @Test
  void valuesDecideNothingBeforeEnoughShadows() {
    ColumnProfile early = profile(false, SeriesRoles.MIN_SHADOWS - 1, 5, i -> 1000 + i);
    WatchDecision d = decide("ticket.mean", early);
    assertThat(d.watched()).isTrue();
    assertThat(d.reason()).contains("7 of 8 shadows seen");
    assertThat(decide("ticket.mean", profile(false, SeriesRoles.MIN_SHADOWS, 5, i -> 1000 + i)))
        .extracting(WatchDecision::watched)
        .isEqualTo(false);
  }

  @Test
  void anExplicitIncludeWinsOverEverythingAnExcludeOverTheAutomaticDecision() {
    WatchRules rules =
        new WatchRules(
            Map.of("shop", Pattern.compile("shop\\.order_lines/(line_no|quantity)\\.mean")),
            Map.of("shop", Pattern.compile(".*/(rows|line_no\\.mean)")));
    ColumnProfile key = profile(true, 40, 2, i -> 1 + i % 2);
    WatchDecision included = decide("line_no.mean", key, rules);
    assertThat(included.watched()).isTrue();
    assertThat(included.reason()).contains("watch.include");
    WatchDecision excluded = decide("rows", ColumnProfile.NONE, rules);
    assertThat(excluded.watched()).isFalse();
    assertThat(excluded.reason()).contains("watch.exclude");
    // The patterns are the group's: another group keeps the automatic decision.
    assertThat(
            SeriesRoles.decide(new SeriesKey("other", TABLE, "rows"), ColumnProfile.NONE, rules)
                .watched())
        .isTrue();
    // A pattern matches the whole name, not a part of it.
    assertThat(decide("line_no.mean.extra", ColumnProfile.NONE, rules).reason())
        .doesNotContain("watch.");
  }

  @Test
  void theProfilePoolsEveryShadowsValues() {
    ColumnProfile p =
        ColumnProfile.NONE
            .plus(new ColumnFigures(false, 2, 4, 10.0, 1, 3))
            .plus(new ColumnFigures(false, 2, 12, 72.0, 6, 6));
    assertThat(p.mean()).isEqualTo(4.0);
    // values 1, 3, 6, 6: variance (1 + 9 + 36 + 36) / 4 − 16 = 4.5
    assertThat(p.standardDeviation())
        .isCloseTo(Math.sqrt(4.5), org.assertj.core.data.Offset.offset(1e-12));
    assertThat(p.comparisons()).isEqualTo(1);
    assertThat(p.ascending()).isEqualTo(1);
    assertThat(p.min()).isEqualTo(1);
    assertThat(p.max()).isEqualTo(6);
    assertThat(p.allWhole()).isTrue();
  }
}

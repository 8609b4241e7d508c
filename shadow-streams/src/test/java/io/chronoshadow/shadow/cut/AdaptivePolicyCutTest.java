package io.chronoshadow.shadow.cut;

import static io.chronoshadow.shadow.cut.Fixtures.ORDERS;
import static io.chronoshadow.shadow.cut.Fixtures.at;
import static io.chronoshadow.shadow.cut.Fixtures.tx;
import static io.chronoshadow.shadow.cut.Fixtures.wm;
import static org.assertj.core.api.Assertions.assertThat;

import io.chronoshadow.shadow.policy.AdaptiveBucketPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdaptivePolicyCutTest {

  private static final Duration MIN = Duration.ofMinutes(1);
  private static final Duration MAX = Duration.ofMinutes(30);
  private static final AdaptiveBucketPolicy POLICY = new AdaptiveBucketPolicy(MIN, MAX, 600, 0.5);
  private static final Instant START = at("00:00");
  private static final Instant HIGH_FROM = START.plus(Duration.ofHours(3));
  private static final Instant HIGH_UNTIL = START.plus(Duration.ofHours(4));
  private static final Instant END = START.plus(Duration.ofHours(8));

  /** 0.1 changes/s for 3 h, 20 changes/s for 1 h, 0.1 changes/s for 4 h. */
  private static List<PlannerInput> lowHighLow() {
    List<PlannerInput> in = new ArrayList<>();
    int n = 0;
    for (Instant t = START; t.isBefore(END); ) {
      boolean high = !t.isBefore(HIGH_FROM) && t.isBefore(HIGH_UNTIL);
      in.add(tx("t" + n++, t, ORDERS, high ? 20 : 1));
      t = t.plusSeconds(high ? 1 : 10);
    }
    in.add(new Watermark(END));
    return in;
  }

  private static List<Duration> intervals(List<Cut> cuts) {
    List<Duration> out = new ArrayList<>();
    Instant previous = START;
    for (Cut c : cuts) {
      out.add(Duration.between(previous, c.cutTime()));
      previous = c.cutTime();
    }
    return out;
  }

  @Test
  void intervalsShrinkUnderHighRateAndGrowBackWithinBounds() {
    List<Cut> cuts = new CutPlanner("shop", POLICY).acceptAll(lowHighLow());
    List<Duration> intervals = intervals(cuts);

    assertThat(intervals).allSatisfy(d -> assertThat(d).isBetween(MIN, MAX));
    // Before any rate is known the first bucket is the shortest allowed.
    assertThat(intervals.get(0)).isEqualTo(MIN);

    List<Duration> lowBefore = new ArrayList<>();
    List<Duration> high = new ArrayList<>();
    List<Duration> after = new ArrayList<>();
    for (int i = 1; i < cuts.size(); i++) {
      Instant cut = cuts.get(i).cutTime();
      if (!cut.isAfter(HIGH_FROM)) {
        lowBefore.add(intervals.get(i));
      } else if (cut.isAfter(HIGH_FROM.plus(MAX)) && !cut.isAfter(HIGH_UNTIL)) {
        high.add(intervals.get(i));
      } else if (cut.isAfter(HIGH_UNTIL)) {
        after.add(intervals.get(i));
      }
    }
    assertThat(lowBefore).isNotEmpty().allSatisfy(d -> assertThat(d).isEqualTo(MAX));
    assertThat(high).hasSizeGreaterThanOrEqualTo(25).allSatisfy(d -> assertThat(d).isEqualTo(MIN));
    assertThat(after).hasSizeGreaterThan(3);
    for (int i = 1; i < after.size(); i++) {
      assertThat(after.get(i)).isGreaterThanOrEqualTo(after.get(i - 1));
    }
    assertThat(after.get(0)).isLessThan(MAX);
    assertThat(after.get(after.size() - 1)).isEqualTo(MAX);
  }

  @Test
  void theSameInputGivesTheSameCuts() {
    List<Cut> first = new CutPlanner("shop", POLICY).acceptAll(lowHighLow());
    List<Cut> second = new CutPlanner("shop", POLICY).acceptAll(lowHighLow());

    assertThat(second).isEqualTo(first);
  }

  @Test
  void anIdleStretchIsOneZeroRateObservationAndTheNextBucketOpensWithTheNextTransaction() {
    CutPlanner planner = new CutPlanner("shop", POLICY);
    List<Cut> cuts = new ArrayList<>();
    cuts.addAll(planner.accept(tx("t1", "00:00")));
    cuts.addAll(planner.accept(tx("t2", "00:00:30")));
    // Many hours of silence, closed by heartbeats in arbitrary steps.
    cuts.addAll(planner.accept(wm("03:17")));
    cuts.addAll(planner.accept(wm("07:00")));
    cuts.addAll(planner.accept(tx("t3", "09:00:00.123")));
    cuts.addAll(planner.accept(wm("23:00")));

    assertThat(cuts)
        .extracting(Cut::cutTime)
        .containsExactly(at("00:01"), at("09:00:00.123").plus(MAX));
  }
}

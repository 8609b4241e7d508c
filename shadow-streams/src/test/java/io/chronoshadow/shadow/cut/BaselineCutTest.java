package io.chronoshadow.shadow.cut;

import static io.chronoshadow.shadow.cut.Fixtures.at;
import static io.chronoshadow.shadow.cut.Fixtures.cutTimes;
import static io.chronoshadow.shadow.cut.Fixtures.tx;
import static io.chronoshadow.shadow.cut.Fixtures.wm;
import static org.assertj.core.api.Assertions.assertThat;

import io.chronoshadow.shadow.policy.AdaptiveBucketPolicy;
import io.chronoshadow.shadow.policy.FixedBucketPolicy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The initial snapshot is a change at its time: shadow 1 exists even without transactions. */
class BaselineCutTest {

  private final CutPlanner hourly =
      new CutPlanner("shop", FixedBucketPolicy.of(Duration.ofHours(1)));

  /** Cuts under adaptive(1 min..30 min, 600 changes, smoothing 0.5). */
  private static List<Cut> adaptive(List<? extends PlannerInput> inputs) {
    return new CutPlanner(
            "shop",
            new AdaptiveBucketPolicy(Duration.ofMinutes(1), Duration.ofMinutes(30), 600, 0.5))
        .acceptAll(inputs);
  }

  @Test
  void aSnapshotOnlyGroupGetsShadowOneAtTheEndOfTheSnapshotsBucket() {
    List<Cut> cuts = hourly.acceptAll(List.of(new Baseline(at("00:20")), wm("00:59"), wm("01:00")));

    assertThat(cuts)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.sequence()).isEqualTo(1);
              assertThat(c.cutTime()).isEqualTo(at("01:00"));
              assertThat(c.transactionCount()).isZero();
              assertThat(c.lastTxId()).isEmpty();
              assertThat(c.shadowCounts()).isEmpty();
            });
  }

  @Test
  void transactionsInTheSnapshotsBucketJoinShadowOneAndLaterOnesTheNextShadows() {
    List<Cut> same =
        new CutPlanner("shop", FixedBucketPolicy.of(Duration.ofHours(1)))
            .acceptAll(List.of(new Baseline(at("00:20")), tx("t1", "00:40"), wm("02:00")));
    assertThat(cutTimes(same)).containsExactly(at("01:00"));
    assertThat(same.get(0).transactionCount()).isEqualTo(1);
    assertThat(same.get(0).lastTxId()).isEqualTo("t1");

    List<Cut> later =
        hourly.acceptAll(List.of(new Baseline(at("00:20")), tx("t1", "01:40"), wm("03:00")));
    assertThat(cutTimes(later)).containsExactly(at("01:00"), at("02:00"));
    assertThat(later.get(0).transactionCount()).isZero();
    assertThat(later.get(1).transactionCount()).isEqualTo(1);
  }

  @Test
  void aTransactionCommittedDuringTheSnapshotIsLiftedToItsTimeAndABaselineAfterACutIsIgnored() {
    // Streamed after the snapshot, so after it in commit order, whatever its commit time says.
    List<Cut> cuts =
        hourly.acceptAll(
            List.of(
                new Baseline(at("00:59:30")),
                tx("t1", "00:59:10"),
                wm("01:30"),
                new Baseline(at("01:10")),
                wm("03:00")));
    assertThat(cutTimes(cuts)).containsExactly(at("01:00"));
    assertThat(cuts.get(0).transactionCount()).isEqualTo(1);
  }

  @Test
  void aBucketHoldingOnlyTheBaselineSaysNothingAboutTheChangeRate() {
    List<Cut> cuts =
        adaptive(
            List.of(
                new Baseline(at("00:00")),
                wm("00:05"),
                tx("t1", "00:10", Fixtures.ORDERS, 100),
                wm("01:00")));
    // Baseline bucket [00:00, 00:01); the first transaction's bucket is still the shortest one
    // (the rate is unknown), not the longest (as a zero-rate observation would make it).
    assertThat(cutTimes(cuts)).containsExactly(at("00:01"), at("00:11"));
  }

  @Test
  void aBucketHoldingTheBaselineAndTransactionsSaysNothingAboutTheChangeRateEither() {
    List<Cut> cuts =
        adaptive(
            List.of(
                new Baseline(at("00:00")),
                tx("t1", "00:00:50", Fixtures.ORDERS, 5),
                tx("t2", "00:01:10", Fixtures.ORDERS, 5),
                wm("00:40")));
    // Traffic was only starting in the baseline's bucket: 5 changes in it are no rate (as one,
    // 600 / (5/60 s) would stretch the next bucket to the 30-minute maximum).
    assertThat(cutTimes(cuts)).containsExactly(at("00:01"), at("00:02"));
    assertThat(cuts.get(0).transactionCount()).isEqualTo(1);
  }
}

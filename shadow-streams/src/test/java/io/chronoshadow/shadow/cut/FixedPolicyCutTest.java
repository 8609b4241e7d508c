package io.chronoshadow.shadow.cut;

import static io.chronoshadow.shadow.cut.Fixtures.CUSTOMERS;
import static io.chronoshadow.shadow.cut.Fixtures.ITEMS;
import static io.chronoshadow.shadow.cut.Fixtures.ORDERS;
import static io.chronoshadow.shadow.cut.Fixtures.at;
import static io.chronoshadow.shadow.cut.Fixtures.cutTimes;
import static io.chronoshadow.shadow.cut.Fixtures.tx;
import static io.chronoshadow.shadow.cut.Fixtures.wm;
import static org.assertj.core.api.Assertions.assertThat;

import io.chronoshadow.shadow.policy.FixedBucketPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FixedPolicyCutTest {

  private final CutPlanner hourly =
      new CutPlanner("shop", FixedBucketPolicy.of(Duration.ofHours(1)));

  @Test
  void cutsFallExactlyOnUtcAlignedBoundaries() {
    List<Cut> cuts =
        hourly.acceptAll(
            List.of(
                tx("t1", "00:10"),
                tx("t2", "00:50"),
                tx("t3", "01:05"),
                tx("t4", "02:30"),
                wm("03:00")));

    assertThat(cutTimes(cuts)).containsExactly(at("01:00"), at("02:00"), at("03:00"));
    assertThat(cuts).extracting(Cut::sequence).containsExactly(1L, 2L, 3L);
    assertThat(cuts)
        .extracting(Cut::shadowId)
        .containsExactly(
            "shadow-shop-20260101T010000.000Z",
            "shadow-shop-20260101T020000.000Z",
            "shadow-shop-20260101T030000.000Z");
    assertThat(cuts).extracting(Cut::transactionCount).containsExactly(2L, 1L, 1L);
    assertThat(cuts).extracting(Cut::lastTxId).containsExactly("t2", "t3", "t4");
    assertThat(cuts).allMatch(c -> c.trigger() == CutTrigger.SCHEDULED);
  }

  @Test
  void dailyCutsAtMidnightUtcAndQuarterHourCutsOnTheQuarter() {
    CutPlanner daily = new CutPlanner("shop", FixedBucketPolicy.of(Duration.ofDays(1)));
    List<Cut> d =
        daily.acceptAll(List.of(tx("t1", "13:37"), wm(Instant.parse("2026-01-02T00:00:00Z"))));
    assertThat(cutTimes(d)).containsExactly(Instant.parse("2026-01-02T00:00:00Z"));

    CutPlanner quarter = new CutPlanner("shop", FixedBucketPolicy.of(Duration.ofMinutes(15)));
    List<Cut> q = quarter.acceptAll(List.of(tx("t1", "13:37"), tx("t2", "13:52:10")));
    assertThat(cutTimes(q)).containsExactly(at("13:45"));
  }

  @Test
  void idleBucketsEmitNoShadowAndManyPassedBoundariesGiveOneCut() {
    List<Cut> cuts = hourly.acceptAll(List.of(tx("t1", "00:10"), tx("t2", "05:20"), wm("06:00")));

    // 02:00 … 05:00 had no changes: no shadows for them; a read as of 03:30 resolves to 01:00.
    assertThat(cutTimes(cuts)).containsExactly(at("01:00"), at("06:00"));
    assertThat(cuts).extracting(Cut::sequence).containsExactly(1L, 2L);
  }

  @Test
  void aWatermarkAloneClosesTheBucket() {
    assertThat(hourly.accept(tx("t1", "00:10"))).isEmpty();
    assertThat(hourly.accept(wm("00:59:59.999"))).isEmpty();

    List<Cut> cuts = hourly.accept(wm("01:00"));

    assertThat(cutTimes(cuts)).containsExactly(at("01:00"));
    assertThat(hourly.accept(wm("09:00"))).isEmpty();
  }

  @Test
  void aTransactionLandsWholeOnOneSideOfABoundary() {
    List<Cut> cuts =
        hourly.acceptAll(
            List.of(
                tx("t1", "00:59:59.999", ORDERS, 3, ITEMS, 7),
                tx("t2", "01:00", ORDERS, 1, ITEMS, 2, CUSTOMERS, 1),
                wm("02:00")));

    assertThat(cuts).hasSize(2);
    assertThat(cuts.get(0).shadowCounts()).isEqualTo(Map.of(ORDERS, 3L, ITEMS, 7L));
    assertThat(cuts.get(1).shadowCounts()).isEqualTo(Map.of(ORDERS, 1L, ITEMS, 2L, CUSTOMERS, 1L));
    assertThat(cuts.get(1).cumulativeCounts())
        .isEqualTo(Map.of(ORDERS, 4L, ITEMS, 9L, CUSTOMERS, 1L));
  }

  @Test
  void aCommitTimeThatStepsBackStaysAfterItsPredecessor() {
    // t2 commits after t1 but its timestamp is 5 ms earlier: its effective time is t1's, so it
    // cannot end up in an earlier shadow than t1.
    List<Cut> cuts =
        hourly.acceptAll(List.of(tx("t1", "01:00:00.002"), tx("t2", "00:59:59.997"), wm("02:00")));

    assertThat(cutTimes(cuts)).containsExactly(at("02:00"));
    assertThat(cuts.get(0).transactionCount()).isEqualTo(2);
  }

  @Test
  void duplicateTransactionsAreIgnored() {
    List<Cut> cuts =
        hourly.acceptAll(
            List.of(
                tx("t1", "00:10", ORDERS, 2),
                tx("t2", "00:20", ORDERS, 1),
                tx("t1", "00:10", ORDERS, 2),
                tx("t2", "00:20", ORDERS, 1),
                tx("t3", "01:10", ORDERS, 1),
                tx("t1", "00:10", ORDERS, 2),
                wm("02:00")));

    assertThat(cuts).extracting(Cut::changeCount).containsExactly(3L, 1L);
    assertThat(hourly.duplicateTransactions()).isEqualTo(3);
  }

  @Test
  void transactionsWithoutChangesOnlyAdvanceTime() {
    List<Cut> cuts =
        hourly.acceptAll(
            List.of(tx("t1", "00:10"), new CommittedTransaction("t2", at("01:30"), Map.of())));

    assertThat(cutTimes(cuts)).containsExactly(at("01:00"));
    assertThat(cuts.get(0).transactionCount()).isEqualTo(1);
    assertThat(hourly.accept(wm("05:00"))).isEmpty();
    assertThat(hourly.openCutTime()).isNull();
  }
}

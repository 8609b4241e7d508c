package io.chronoshadow.shadow.cut;

import static io.chronoshadow.shadow.cut.Fixtures.ITEMS;
import static io.chronoshadow.shadow.cut.Fixtures.ORDERS;
import static io.chronoshadow.shadow.cut.Fixtures.at;
import static io.chronoshadow.shadow.cut.Fixtures.cutTimes;
import static io.chronoshadow.shadow.cut.Fixtures.tx;
import static io.chronoshadow.shadow.cut.Fixtures.wm;
import static org.assertj.core.api.Assertions.assertThat;

import io.chronoshadow.shadow.policy.AdaptiveBucketPolicy;
import io.chronoshadow.shadow.policy.FixedBucketPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManualCutTest {

  private final CutPlanner hourly =
      new CutPlanner("shop", FixedBucketPolicy.of(Duration.ofHours(1)));

  private static ManualCutRequest manual(String time, String id) {
    return new ManualCutRequest(at(time), id);
  }

  @Test
  void aRequestInTheFutureIsAppliedWhenTheWatermarkPassesIt() {
    hourly.accept(tx("t1", "00:10", ORDERS, 2));
    assertThat(hourly.accept(manual("00:30", "r1"))).isEmpty();
    assertThat(hourly.accept(tx("t2", "00:29:59.999", ITEMS, 1))).isEmpty();

    List<Cut> cuts = hourly.accept(wm("00:30"));

    assertThat(cuts)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.cutTime()).isEqualTo(at("00:30"));
              assertThat(c.trigger()).isEqualTo(CutTrigger.MANUAL);
              assertThat(c.requestIds()).containsExactly("r1");
              assertThat(c.shadowCounts()).isEqualTo(Map.of(ORDERS, 2L, ITEMS, 1L));
              assertThat(c.shadowId()).isEqualTo("shadow-shop-20260101T003000.000Z");
            });
  }

  @Test
  void aRequestForAPastTimeInsideTheOpenBucketSplitsItRetroactively() {
    hourly.acceptAll(
        List.of(tx("t1", "00:10", ORDERS, 1), tx("t2", "00:20", ORDERS, 2), tx("t3", "00:40")));

    List<Cut> manualCuts = hourly.accept(manual("00:20", "r1"));
    List<Cut> scheduled = hourly.accept(wm("01:00"));

    assertThat(manualCuts)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.cutTime()).isEqualTo(at("00:20"));
              assertThat(c.lastTxId()).isEqualTo("t1");
              assertThat(c.shadowCounts()).isEqualTo(Map.of(ORDERS, 1L));
            });
    assertThat(scheduled)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.cutTime()).isEqualTo(at("01:00"));
              assertThat(c.transactionCount()).isEqualTo(2);
              assertThat(c.cumulativeCounts()).isEqualTo(Map.of(ORDERS, 4L));
              assertThat(c.sequence()).isEqualTo(2);
            });
  }

  @Test
  void aRequestAlreadyCoveredByAShadowIsANoOp() {
    hourly.acceptAll(List.of(tx("t1", "00:10"), tx("t2", "01:10")));

    assertThat(hourly.accept(manual("00:30", "before-the-last-cut"))).isEmpty();
    assertThat(hourly.accept(manual("01:00", "at-the-last-cut"))).isEmpty();
    // nothing committed between 01:00 and 01:05: the 01:00 shadow already shows that state
    assertThat(hourly.accept(manual("01:05", "no-changes-before-it"))).isEmpty();

    assertThat(cutTimes(hourly.accept(wm("02:00")))).containsExactly(at("02:00"));
  }

  @Test
  void aRequestAtTheScheduledBoundaryIsSatisfiedByTheScheduledCut() {
    hourly.acceptAll(List.of(tx("t1", "00:10"), manual("01:00", "r1")));

    List<Cut> cuts = hourly.accept(wm("03:00"));

    assertThat(cuts)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.trigger()).isEqualTo(CutTrigger.SCHEDULED);
              assertThat(c.requestIds()).containsExactly("r1");
            });
  }

  @Test
  void manualCutsDoNotMoveTheAdaptiveSchedule() {
    AdaptiveBucketPolicy policy =
        new AdaptiveBucketPolicy(Duration.ofMinutes(1), Duration.ofMinutes(20), 100, 0.5);
    List<PlannerInput> stream = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      stream.add(tx("t" + i, at("00:00").plusSeconds(i * 7L), ORDERS, 1 + i % 4));
    }
    stream.add(wm("03:00"));
    List<PlannerInput> withManual = new ArrayList<>(stream);
    withManual.add(100, manual("00:11:11.111", "r1"));
    withManual.add(400, manual("00:46", "r2")); // retroactive: the stream is at 00:46:33

    List<Cut> plain = new CutPlanner("shop", policy).acceptAll(stream);
    List<Cut> manual = new CutPlanner("shop", policy).acceptAll(withManual);

    assertThat(manual).hasSize(plain.size() + 2);
    assertThat(manual.stream().filter(c -> c.trigger() == CutTrigger.SCHEDULED).map(Cut::cutTime))
        .containsExactlyElementsOf(cutTimes(plain));
    assertThat(manual.get(manual.size() - 1).cumulativeCounts())
        .isEqualTo(plain.get(plain.size() - 1).cumulativeCounts());
  }

  @Test
  void requestTimesAreTruncatedToMilliseconds() {
    hourly.accept(tx("t1", "00:10"));
    List<Cut> cuts = hourly.accept(new ManualCutRequest(at("00:20").plusNanos(999_999), "r1"));
    assertThat(cuts).isEmpty();
    assertThat(hourly.accept(wm("00:20")))
        .extracting(Cut::shadowId)
        .containsExactly("shadow-shop-20260101T002000.000Z");
  }
}

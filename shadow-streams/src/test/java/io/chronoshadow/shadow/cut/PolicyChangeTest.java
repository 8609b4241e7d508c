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

/**
 * A policy change applies from the next cut: the open bucket keeps its already-computed cut time.
 */
class PolicyChangeTest {

  private final CutPlanner planner =
      new CutPlanner("shop", FixedBucketPolicy.of(Duration.ofHours(1)));

  @Test
  void theOpenBucketKeepsItsCutTimeAndTheFollowingOneUsesTheNewInterval() {
    planner.accept(tx("t1", "00:10"));
    planner.accept(new PolicyChange(FixedBucketPolicy.of(Duration.ofMinutes(15))));
    assertThat(planner.openCutTime()).isEqualTo(at("01:00"));

    List<Cut> cuts =
        planner.acceptAll(
            List.of(tx("t2", "00:50"), tx("t3", "01:05"), tx("t4", "01:20"), wm("02:00")));

    assertThat(cutTimes(cuts)).containsExactly(at("01:00"), at("01:15"), at("01:30"));
  }

  @Test
  void aSwitchToAdaptiveStartsAtTheOpenBucketsCut() {
    AdaptiveBucketPolicy adaptive =
        new AdaptiveBucketPolicy(Duration.ofMinutes(5), Duration.ofMinutes(10), 1_000_000, 0.5);
    planner.accept(tx("t1", "00:10"));
    planner.accept(new PolicyChange(adaptive));

    List<Cut> cuts = planner.acceptAll(List.of(tx("t2", "01:01"), wm("03:00")));

    // 01:00 was computed under the hourly policy; then max (a low rate) from 01:00.
    assertThat(cutTimes(cuts)).containsExactly(at("01:00"), at("01:10"));
  }

  @Test
  void aChangeWhileIdleAppliesToTheBucketTheNextTransactionOpens() {
    planner.acceptAll(List.of(tx("t1", "00:10"), wm("03:00")));
    planner.accept(new PolicyChange(FixedBucketPolicy.of(Duration.ofMinutes(30))));

    List<Cut> cuts = planner.acceptAll(List.of(tx("t2", "05:40"), wm("07:00")));

    assertThat(cutTimes(cuts)).containsExactly(at("06:00"));
  }

  @Test
  void aChangeBackAndForthBeforeTheCutOnlyTheLastOneCounts() {
    planner.accept(tx("t1", "00:10"));
    planner.accept(new PolicyChange(FixedBucketPolicy.of(Duration.ofMinutes(15))));
    planner.accept(new PolicyChange(FixedBucketPolicy.of(Duration.ofMinutes(20))));

    List<Cut> cuts = planner.acceptAll(List.of(tx("t2", "01:01"), wm("03:00")));

    assertThat(cutTimes(cuts)).containsExactly(at("01:00"), at("01:20"));
  }
}

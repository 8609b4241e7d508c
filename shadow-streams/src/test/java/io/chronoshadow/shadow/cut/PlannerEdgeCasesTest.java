package io.chronoshadow.shadow.cut;

import static io.chronoshadow.shadow.cut.Fixtures.ORDERS;
import static io.chronoshadow.shadow.cut.Fixtures.at;
import static io.chronoshadow.shadow.cut.Fixtures.cutTimes;
import static io.chronoshadow.shadow.cut.Fixtures.tx;
import static io.chronoshadow.shadow.cut.Fixtures.wm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chronoshadow.shadow.policy.FixedBucketPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlannerEdgeCasesTest {

  private final CutPlanner hourly =
      new CutPlanner("shop", FixedBucketPolicy.of(Duration.ofHours(1)));

  @Test
  void aTransactionBehindABrokenWatermarkPromiseIsKeptAndCounted() {
    hourly.acceptAll(List.of(tx("t1", "00:10"), wm("01:30")));

    // t2 committed at 00:50 but arrives after a heartbeat claimed 01:30: shadow 1 is already cut.
    List<Cut> cuts = hourly.acceptAll(List.of(tx("t2", "00:50", ORDERS, 5), wm("02:00")));

    assertThat(hourly.lateTransactions()).isEqualTo(1);
    assertThat(cuts)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.cutTime()).isEqualTo(at("02:00"));
              assertThat(c.shadowCounts()).isEqualTo(Map.of(ORDERS, 5L));
            });
  }

  @Test
  void aReplayOlderThanTheSkewToleranceIsADuplicateEvenAfterItsIdWasForgotten() {
    CutPlanner planner =
        new CutPlanner("shop", FixedBucketPolicy.of(Duration.ofHours(1)), Duration.ofSeconds(10));
    planner.acceptAll(List.of(tx("t1", "00:10"), tx("t2", "00:20")));
    assertThat(planner.state().seenTransactions()).extracting(SeenKey::key).containsExactly("t2");

    planner.accept(tx("t1", "00:10"));
    List<Cut> cuts = planner.accept(wm("01:00"));

    assertThat(planner.duplicateTransactions()).isEqualTo(1);
    assertThat(cuts).singleElement().extracting(Cut::transactionCount).isEqualTo(2L);
  }

  @Test
  void transactionsInTheSameMillisecondShareOneStateEntry() {
    hourly.acceptAll(List.of(tx("t1", "00:10"), tx("t2", "00:10"), tx("t3", "00:10")));

    assertThat(hourly.state().openShadow())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.transactionCount()).isEqualTo(3);
              assertThat(e.lastTxId()).isEqualTo("t3");
            });
  }

  @Test
  void shadowIdsAreDerivedFromGroupAndCutTime() {
    assertThat(ShadowIds.of("shop_eu-2", Instant.parse("2026-11-27T07:24:46.123Z")))
        .isEqualTo("shadow-shop_eu-2-20261127T072446.123Z");
    assertThatThrownBy(() -> ShadowIds.of("Shop", Instant.EPOCH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("group must be lowercase");
    assertThatThrownBy(() -> new CutPlanner("shop's", FixedBucketPolicy.of(Duration.ofHours(1))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void badInputIsRejectedWithAClearMessage() {
    assertThatThrownBy(() -> new CommittedTransaction("t1", at("00:10"), Map.of(ORDERS, -1L)))
        .hasMessage("eventsPerTable of t1 has a negative count for shop.orders (was -1)");
    assertThatThrownBy(() -> new Watermark(Instant.MAX))
        .hasMessageStartingWith("time is out of range");
    assertThatThrownBy(() -> new ManualCutRequest(at("00:10"), ""))
        .hasMessage("requestId must not be empty");
    assertThatThrownBy(
            () -> PlannerStateCodec.decode("{\"group\":1}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a planner state");
  }

  @Test
  void theStoredStateIsReadableJson() {
    hourly.acceptAll(List.of(tx("t1", "00:10"), new ManualCutRequest(at("00:30"), "r1")));

    String json = new String(PlannerStateCodec.encode(hourly.state()), StandardCharsets.UTF_8);

    assertThat(json)
        .contains("\"policy\":{\"type\":\"fixed\",\"interval\":\"PT1H\"}")
        .contains("\"pendingManualCuts\":[{\"atMillis\":");
    assertThat(
            cutTimes(
                CutPlanner.restore(PlannerStateCodec.decode(json.getBytes(StandardCharsets.UTF_8)))
                    .accept(wm("00:30"))))
        .containsExactly(at("00:30"));
  }
}

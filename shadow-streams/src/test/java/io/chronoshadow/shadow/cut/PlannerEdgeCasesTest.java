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
  void aTransactionStampedBeforeAClosedCutIsKeptRecordedAndCarriedByTheNextCut() {
    // A heartbeat transaction (no events in the group) at 01:00:05 closes the cut at 01:00.
    hourly.acceptAll(List.of(tx("t1", "00:10"), heartbeat("h1", at("00:10").plusSeconds(3005))));

    // t2 comes after it in commit order, stamped 00:59:58: the source's clock stepped back across
    // the cut. Shadow 1 is cut; t2 joins the open shadow and is recorded.
    List<Cut> cuts =
        hourly.acceptAll(List.of(tx("t2", at("00:10").plusSeconds(2998), ORDERS, 5), wm("02:00")));

    assertThat(hourly.lateTransactions()).isEqualTo(1);
    assertThat(hourly.lastLate())
        .isEqualTo(
            new LateTransaction(
                "t2",
                at("00:10").plusSeconds(2998).toEpochMilli(),
                ShadowIds.of("shop", at("01:00"))));
    assertThat(cuts)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.cutTime()).isEqualTo(at("02:00"));
              assertThat(c.shadowCounts()).isEqualTo(Map.of(ORDERS, 5L));
              assertThat(c.lateTransactions()).isEqualTo(1);
            });
    // A later shadow carries none, and a restored planner still reports the late one.
    assertThat(hourly.acceptAll(List.of(tx("t3", "02:10", ORDERS, 1), wm("03:00"))))
        .singleElement()
        .extracting(Cut::lateTransactions)
        .isEqualTo(0L);
    CutPlanner restored =
        CutPlanner.restore(PlannerStateCodec.decode(PlannerStateCodec.encode(hourly.state())));
    assertThat(restored.lateTransactions()).isEqualTo(1);
    assertThat(restored.lastLate()).isEqualTo(hourly.lastLate());
  }

  @Test
  void aTransactionWithoutChangesInTheGroupIsNeverLate() {
    hourly.acceptAll(List.of(tx("t1", "00:10"), heartbeat("h1", at("00:10").plusSeconds(3005))));
    hourly.accept(heartbeat("h0", at("00:10").plusSeconds(2998)));
    assertThat(hourly.lateTransactions()).isZero();
    assertThat(hourly.lastLate()).isNull();
  }

  @Test
  void aStateWrittenBeforeLateTransactionsWereRecordedStillRestores() throws Exception {
    hourly.acceptAll(List.of(tx("t1", "00:10")));
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode old =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            json.readTree(PlannerStateCodec.encode(hourly.state()));
    old.remove(List.of("lateInOpenShadow", "lastLate"));
    PlannerState state = PlannerStateCodec.decode(json.writeValueAsBytes(old));
    assertThat(state.lateInOpenShadow()).isZero();
    assertThat(state.lastLate()).isNull();
    assertThat(CutPlanner.restore(state).acceptAll(List.of(wm("01:00"))))
        .singleElement()
        .extracting(Cut::lateTransactions)
        .isEqualTo(0L);
  }

  /** A transaction with no events in the group, as the heartbeat table's are. */
  private static CommittedTransaction heartbeat(String id, Instant commit) {
    return new CommittedTransaction(id, commit, Map.of());
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

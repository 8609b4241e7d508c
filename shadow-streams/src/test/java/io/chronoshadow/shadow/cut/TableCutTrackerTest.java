package io.chronoshadow.shadow.cut;

import static io.chronoshadow.shadow.cut.Fixtures.ORDERS;
import static io.chronoshadow.shadow.cut.Fixtures.at;
import static io.chronoshadow.shadow.cut.Fixtures.tx;
import static io.chronoshadow.shadow.cut.Fixtures.wm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chronoshadow.shadow.policy.FixedBucketPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TableCutTrackerTest {

  private static TableChange change(String txId, long order, String time) {
    return TableChange.transactional(txId, order, at(time));
  }

  private static List<Cut> hourlyCuts(List<PlannerInput> inputs) {
    return new CutPlanner("shop", FixedBucketPolicy.of(Duration.ofHours(1))).acceptAll(inputs);
  }

  @Test
  void eventsGoToShadowsByCumulativeCounts() {
    List<Cut> cuts =
        hourlyCuts(
            List.of(
                tx("a", "00:10", ORDERS, 2),
                tx("b", "01:10", ORDERS, 1),
                tx("c", "02:10", "shop.items", 4),
                tx("d", "03:10", ORDERS, 1),
                wm("04:00")));
    TableCutTracker tracker = new TableCutTracker(ORDERS);
    cuts.forEach(tracker::onCut);

    assertThat(tracker.offer(change("a", 1, "00:10"))).isEqualTo(new Assignment.Assigned(1, false));
    assertThat(tracker.offer(change("a", 2, "00:10"))).isEqualTo(new Assignment.Assigned(1, false));
    assertThat(tracker.completeThrough()).isEqualTo(1);
    assertThat(tracker.offer(change("b", 1, "01:10"))).isEqualTo(new Assignment.Assigned(2, false));
    // shadow 3 has nothing of this table, so it is complete as soon as shadow 2 is
    assertThat(tracker.completeThrough()).isEqualTo(3);
    assertThat(tracker.offer(change("d", 1, "03:10"))).isEqualTo(new Assignment.Assigned(4, false));
    assertThat(tracker.completeThrough()).isEqualTo(4);
  }

  @Test
  void eventsBeforeTheirCutWaitAndAreAssignedWhenReOffered() {
    TableCutTracker tracker = new TableCutTracker(ORDERS);
    TableChange a1 = change("a", 1, "00:10");
    assertThat(tracker.offer(a1)).isEqualTo(Assignment.WAITING);
    assertThat(tracker.offer(a1))
        .as("not consumed, so not a duplicate")
        .isEqualTo(Assignment.WAITING);

    hourlyCuts(List.of(tx("a", "00:10", ORDERS, 1), wm("01:00"))).forEach(tracker::onCut);

    assertThat(tracker.offer(a1)).isEqualTo(new Assignment.Assigned(1, false));
    assertThat(tracker.offer(a1)).isEqualTo(Assignment.DUPLICATE);
    assertThat(tracker.duplicates()).isEqualTo(1);
  }

  @Test
  void snapshotReadsGoToTheBaselineAndLateOnesAreRejected() {
    TableCutTracker tracker = new TableCutTracker(ORDERS);
    assertThat(tracker.offer(TableChange.snapshot())).isEqualTo(new Assignment.Assigned(1, true));
    hourlyCuts(List.of(tx("a", "00:10", ORDERS, 1), tx("b", "01:10", ORDERS, 1), wm("02:00")))
        .forEach(tracker::onCut);
    assertThat(tracker.offer(TableChange.snapshot())).isEqualTo(new Assignment.Assigned(1, true));
    tracker.offer(change("a", 1, "00:10"));

    assertThat(tracker.offer(TableChange.snapshot())).isInstanceOf(Assignment.Rejected.class);
  }

  @Test
  void cutsMustComeInOrderAndReDeliveredCutsAreIgnored() {
    List<Cut> cuts =
        hourlyCuts(
            List.of(
                tx("a", "00:10", ORDERS, 1),
                tx("b", "01:10", ORDERS, 1),
                tx("c", "02:10", ORDERS, 1),
                wm("03:00")));
    TableCutTracker tracker = new TableCutTracker(ORDERS);
    tracker.onCut(cuts.get(0));
    tracker.onCut(cuts.get(0));
    assertThat(tracker.completeThrough()).isZero();

    assertThatThrownBy(() -> tracker.onCut(cuts.get(2)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cut 3 of shop arrived before cut 2");
  }

  /** One table's topic: snapshot reads, then each transaction's events in commit order. */
  private record Event(TableChange change, long expectedShadow) {}

  private static List<Event> topicOf(
      String table, List<CommittedTransaction> txs, List<Cut> cuts, int snapshotRows) {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < snapshotRows; i++) {
      events.add(new Event(TableChange.snapshot(), 1));
    }
    Set<String> seen = new HashSet<>();
    long effective = Long.MIN_VALUE;
    for (CommittedTransaction tx : txs) {
      if (!seen.add(tx.txId())) {
        continue;
      }
      effective = Math.max(effective, tx.commitTime().toEpochMilli());
      long shadow = 0;
      for (Cut c : cuts) {
        if (c.cutTime().toEpochMilli() > effective) {
          shadow = c.sequence();
          break;
        }
      }
      long n = tx.eventsPerTable().getOrDefault(table, 0L);
      for (long order = 1; order <= n; order++) {
        events.add(new Event(TableChange.transactional(tx.txId(), order, tx.commitTime()), shadow));
      }
    }
    return events;
  }

  /** Re-delivers recent runs of events (connector restarts) and single events (retries). */
  private static List<Event> withDuplicates(List<Event> events, Random r, List<Integer> dupCount) {
    List<Event> out = new ArrayList<>();
    int duplicates = 0;
    for (int i = 0; i < events.size(); i++) {
      out.add(events.get(i));
      if (events.get(i).change().isSnapshot() || r.nextInt(15) != 0) {
        continue;
      }
      int from = Math.max(0, i - r.nextInt(12));
      for (int j = from; j <= i; j++) {
        if (!events.get(j).change().isSnapshot()) {
          out.add(new Event(events.get(j).change(), -1));
          duplicates++;
        }
      }
    }
    dupCount.add(duplicates);
    return out;
  }

  /**
   * Delivers cuts and events interleaved at random, keeping un-assignable events in a queue the way
   * the topology's state store will, and returns the decision for every delivered event.
   */
  private static List<Assignment> deliver(
      TableCutTracker tracker, List<Event> events, List<Cut> cuts, Random r) {
    Map<Integer, Assignment> decisions = new HashMap<>();
    ArrayDeque<Integer> waiting = new ArrayDeque<>();
    int nextEvent = 0;
    int nextCut = 0;
    while (nextEvent < events.size() || nextCut < cuts.size()) {
      boolean cutNow = nextCut < cuts.size() && (nextEvent == events.size() || r.nextInt(4) == 0);
      if (cutNow) {
        tracker.onCut(cuts.get(nextCut++));
      } else {
        waiting.addLast(nextEvent++);
      }
      while (!waiting.isEmpty()) {
        int i = waiting.peekFirst();
        Assignment a = tracker.offer(events.get(i).change());
        if (a instanceof Assignment.Waiting) {
          break;
        }
        decisions.put(waiting.pollFirst(), a);
      }
    }
    assertThat(waiting).isEmpty();
    List<Assignment> out = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      out.add(decisions.get(i));
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13})
  void duplicatesInjectedAtRandomDoNotChangeTheAssignment(long seed) {
    List<CommittedTransaction> txs = RandomStreams.transactions(seed, 500);
    List<Cut> cuts =
        new CutPlanner("shop", RandomStreams.ADAPTIVE)
            .acceptAll(
                RandomStreams.withManualCutsAndPolicyChanges(
                    RandomStreams.withWatermarks(txs, seed, 0.3), seed));
    for (String table : RandomStreams.TABLES) {
      List<Event> clean = topicOf(table, txs, cuts, 7);
      List<Integer> injected = new ArrayList<>();
      List<Event> dirty = withDuplicates(clean, new Random(seed), injected);

      TableCutTracker withoutDups = new TableCutTracker(table);
      List<Assignment> expected = deliver(withoutDups, clean, cuts, new Random(seed + 1));
      TableCutTracker withDups = new TableCutTracker(table);
      List<Assignment> actual = deliver(withDups, dirty, cuts, new Random(seed + 2));

      for (int i = 0; i < clean.size(); i++) {
        Event e = clean.get(i);
        assertThat(expected.get(i))
            .as("%s event %d", table, i)
            .isEqualTo(new Assignment.Assigned(e.expectedShadow(), e.change().isSnapshot()));
      }
      List<Assignment> kept = new ArrayList<>();
      for (int i = 0; i < dirty.size(); i++) {
        if (actual.get(i) instanceof Assignment.Duplicate) {
          assertThat(dirty.get(i).expectedShadow()).isEqualTo(-1);
        } else {
          kept.add(actual.get(i));
        }
      }
      assertThat(kept).isEqualTo(expected);
      assertThat(withDups.duplicates()).isEqualTo((long) injected.get(0));
      assertThat(withDups.completeThrough()).isEqualTo(cuts.size());
    }
  }

  @Test
  void aRestoredTrackerContinuesExactly() {
    long seed = 21;
    List<CommittedTransaction> txs = RandomStreams.transactions(seed, 200);
    List<Cut> cuts =
        new CutPlanner("shop", RandomStreams.FIXED)
            .acceptAll(RandomStreams.withWatermarks(txs, seed, 0.3));
    List<Event> events =
        withDuplicates(topicOf(ORDERS, txs, cuts, 3), new Random(seed), new ArrayList<>());
    TableCutTracker tracker = new TableCutTracker(ORDERS);
    cuts.forEach(tracker::onCut);
    List<Assignment> expected = new ArrayList<>();
    events.forEach(e -> expected.add(tracker.offer(e.change())));

    for (int split = 0; split <= events.size(); split += 7) {
      TableCutTracker first = new TableCutTracker(ORDERS);
      cuts.forEach(first::onCut);
      List<Assignment> got = new ArrayList<>();
      events.subList(0, split).forEach(e -> got.add(first.offer(e.change())));
      TableCutTracker second = TableCutTracker.restore(first.state());
      events.subList(split, events.size()).forEach(e -> got.add(second.offer(e.change())));
      assertThat(got).as("split at %d", split).isEqualTo(expected);
    }
  }

  @Test
  void aReplayOlderThanTheSkewWindowIsStillRecognised() {
    TableCutTracker tracker = new TableCutTracker(ORDERS, Duration.ofSeconds(10));
    hourlyCuts(List.of(tx("a", "00:00", ORDERS, 1), tx("b", "00:30", ORDERS, 1), wm("01:00")))
        .forEach(tracker::onCut);
    tracker.offer(change("a", 1, "00:00"));
    tracker.offer(change("b", 1, "00:30"));

    assertThat(tracker.state().seenEvents()).hasSize(1);
    assertThat(
            tracker.offer(TableChange.transactional("a", 1, Instant.parse("2026-01-01T00:00:00Z"))))
        .isEqualTo(Assignment.DUPLICATE);
  }
}

package io.chronoshadow.shadow.cut;

import static org.assertj.core.api.Assertions.assertThat;

import io.chronoshadow.shadow.policy.BucketPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeterminismTest {

  static Stream<Arguments> policiesAndSeeds() {
    return RandomStreams.policiesAndSeeds(1);
  }

  private static List<Cut> run(BucketPolicy policy, List<? extends PlannerInput> inputs) {
    return new CutPlanner("shop", policy).acceptAll(inputs);
  }

  @ParameterizedTest
  @MethodSource("policiesAndSeeds")
  void heartbeatInterleavingDoesNotChangeTheCuts(BucketPolicy policy, long seed) {
    List<CommittedTransaction> txs = RandomStreams.transactions(seed, 600);

    List<Cut> sparse = run(policy, RandomStreams.withWatermarks(txs, 100, 0.0));
    List<Cut> some = run(policy, RandomStreams.withWatermarks(txs, 101, 0.3));
    List<Cut> dense = run(policy, RandomStreams.withWatermarks(txs, 102, 0.9));

    assertThat(sparse).hasSizeGreaterThan(5);
    assertThat(some).isEqualTo(sparse);
    assertThat(dense).isEqualTo(sparse);
  }

  @ParameterizedTest
  @MethodSource("policiesAndSeeds")
  void batchSizesDoNotChangeTheCuts(BucketPolicy policy, long seed) {
    List<PlannerInput> inputs =
        RandomStreams.withManualCutsAndPolicyChanges(
            RandomStreams.withWatermarks(RandomStreams.transactions(seed, 600), seed, 0.3), seed);
    List<Cut> oneByOne = new ArrayList<>();
    CutPlanner single = new CutPlanner("shop", policy);
    inputs.forEach(i -> oneByOne.addAll(single.accept(i)));

    Random r = new Random(seed);
    CutPlanner batched = new CutPlanner("shop", policy);
    List<Cut> inBatches = new ArrayList<>();
    for (int from = 0; from < inputs.size(); ) {
      int to = Math.min(inputs.size(), from + 1 + r.nextInt(50));
      inBatches.addAll(batched.acceptAll(inputs.subList(from, to)));
      from = to;
    }

    assertThat(inBatches).isEqualTo(oneByOne);
  }

  @ParameterizedTest
  @MethodSource("policiesAndSeeds")
  void aPlannerRestoredAtAnyPositionGivesTheSameCuts(BucketPolicy policy, long seed) {
    List<PlannerInput> inputs =
        RandomStreams.withManualCutsAndPolicyChanges(
            RandomStreams.withWatermarks(RandomStreams.transactions(seed, 250), seed, 0.3), seed);
    List<Cut> expected = run(policy, inputs);
    assertThat(expected).anyMatch(c -> c.trigger() == CutTrigger.MANUAL);

    CutPlanner original = new CutPlanner("shop", policy);
    List<Cut> before = new ArrayList<>();
    for (int i = 0; i <= inputs.size(); i++) {
      byte[] stored = PlannerStateCodec.encode(original.state());
      CutPlanner restored = CutPlanner.restore(PlannerStateCodec.decode(stored));
      List<Cut> all = new ArrayList<>(before);
      all.addAll(restored.acceptAll(inputs.subList(i, inputs.size())));
      assertThat(all).as("restored at input %d", i).isEqualTo(expected);
      if (i < inputs.size()) {
        before.addAll(original.accept(inputs.get(i)));
      }
    }
  }

  @ParameterizedTest
  @MethodSource("policiesAndSeeds")
  void everyTransactionIsCoveredExactlyOnceAndCutsAreOrdered(BucketPolicy policy, long seed) {
    List<CommittedTransaction> txs = RandomStreams.transactions(seed, 600);
    List<PlannerInput> inputs =
        RandomStreams.withManualCutsAndPolicyChanges(
            RandomStreams.withWatermarks(txs, seed, 0.3), seed);
    List<Cut> cuts = run(policy, inputs);

    long distinctChanges =
        txs.stream()
            .distinct()
            .mapToLong(t -> t.eventsPerTable().values().stream().mapToLong(Long::longValue).sum())
            .sum();
    assertThat(cuts.stream().mapToLong(Cut::changeCount).sum()).isEqualTo(distinctChanges);
    for (int i = 1; i < cuts.size(); i++) {
      assertThat(cuts.get(i).cutTime()).isAfter(cuts.get(i - 1).cutTime());
      assertThat(cuts.get(i).sequence()).isEqualTo(i + 1);
    }
  }
}

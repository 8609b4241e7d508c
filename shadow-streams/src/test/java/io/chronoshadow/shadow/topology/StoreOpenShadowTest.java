package io.chronoshadow.shadow.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.chronoshadow.shadow.cut.Cut;
import io.chronoshadow.shadow.cut.CutPlanner;
import io.chronoshadow.shadow.cut.PlannerInput;
import io.chronoshadow.shadow.cut.PlannerState;
import io.chronoshadow.shadow.cut.PlannerStateCodec;
import io.chronoshadow.shadow.cut.RandomStreams;
import io.chronoshadow.shadow.policy.BucketPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The planner as the topology runs it (open shadow and duplicate window in a store, state through
 * its codec at restarts) cuts exactly as the planner with everything in memory.
 */
class StoreOpenShadowTest {

  static Stream<Arguments> policiesAndSeeds() {
    return RandomStreams.policiesAndSeeds(11);
  }

  private static KeyValueStore<String, byte[]> newStore() {
    KeyValueStore<String, byte[]> store =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(StoreKeys.GROUP_STORE),
                Serdes.String(),
                Serdes.ByteArray())
            .withLoggingDisabled()
            .build();
    MockProcessorContext<Object, Object> context = new MockProcessorContext<>(new Properties());
    store.init(context.getStateStoreContext(), store);
    return store;
  }

  /** What {@code ShadowProcessor.init} builds from a stored state. */
  private static CutPlanner storePlanner(PlannerState state, KeyValueStore<String, byte[]> store) {
    return CutPlanner.restore(
        state,
        new StoreDedupWindow(
            store,
            StoreKeys.SEEN_TRANSACTIONS,
            state.commitSkewToleranceMillis(),
            state.newestCommitMillis(),
            state.seenTransactions()),
        new StoreOpenShadow(store, state.openShadow()));
  }

  private static PlannerState throughCodec(CutPlanner planner) {
    return PlannerStateCodec.decode(PlannerStateCodec.encode(planner.state()));
  }

  @ParameterizedTest
  @MethodSource("policiesAndSeeds")
  void cutsEqualThePlannerInMemoryAcrossRestartsAndAMigrationOfItsState(
      BucketPolicy policy, long seed) {
    List<PlannerInput> inputs =
        RandomStreams.withManualCutsAndPolicyChanges(
            RandomStreams.withWatermarks(RandomStreams.transactions(seed, 500), seed, 0.3), seed);
    List<Cut> expected = new CutPlanner("shop", policy).acceptAll(inputs);
    assertThat(expected).hasSizeGreaterThan(5);

    // The first part in memory, as a state written before the entries moved to the store.
    int half = inputs.size() / 2;
    CutPlanner inMemory = new CutPlanner("shop", policy);
    List<Cut> cuts = new ArrayList<>(inMemory.acceptAll(inputs.subList(0, half)));
    KeyValueStore<String, byte[]> store = newStore();
    CutPlanner planner = storePlanner(throughCodec(inMemory), store);

    Random restarts = new Random(seed);
    int restarted = 0;
    for (PlannerInput input : inputs.subList(half, inputs.size())) {
      cuts.addAll(planner.accept(input));
      if (restarts.nextInt(15) == 0) {
        PlannerState state = throughCodec(planner);
        // The state written on every transaction no longer carries the open entries.
        assertThat(state.openShadow()).isEmpty();
        planner = storePlanner(state, store);
        restarted++;
      }
    }

    assertThat(restarted).isPositive();
    assertThat(cuts).isEqualTo(expected);
  }
}

package io.chronoshadow.shadow.app;

import io.chronoshadow.devstack.DevStack;
import io.chronoshadow.devstack.workload.ShopSchema;
import io.chronoshadow.devstack.workload.ShopTable;
import io.chronoshadow.shadow.topology.ShadowTopics;
import java.time.Instant;
import java.util.Map;

/** INTERIM (until SourceAudit lands): the replay of the change topics as of a cut. */
final class SourceOracle {

  private final ShadowReplay replay;

  private SourceOracle(ShadowReplay replay) {
    this.replay = replay;
  }

  static SourceOracle of(DevStack stack, ShadowTopics topics) {
    return new SourceOracle(StackShadows.replay(stack, topics, ShopSchema.TABLES));
  }

  Map<String, Map<String, String>> rowsAt(ShopTable table, Instant cut) {
    return replay.stateAt(table.qualifiedName(), cut, table.primaryKey());
  }
}

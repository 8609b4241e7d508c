package io.chronoshadow.shadow.topology;

import io.chronoshadow.schemas.contract.GroupNames;
import io.chronoshadow.shadow.policy.BucketPolicy;
import io.chronoshadow.shadow.table.ShadowTableName;
import java.util.Objects;

/**
 * What one group's topology needs to know.
 *
 * @param initialPolicy the policy of a group that has no state yet; later changes come from the
 *     policies topic
 * @param heartbeatTable the source table ({@code schema.table}) written by Debezium's heartbeat
 *     action query: its transactions are progress in commit order, its rows are not shadowed
 * @param defaultSchema the source schema whose tables keep their bare names in the group's Iceberg
 *     namespace (see {@link ShadowTableName})
 */
public record ShadowTopologySettings(
    String group,
    ShadowTopics topics,
    BucketPolicy initialPolicy,
    String heartbeatTable,
    String defaultSchema) {

  public ShadowTopologySettings {
    GroupNames.requireValid(group);
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(initialPolicy, "initialPolicy");
    Objects.requireNonNull(heartbeatTable, "heartbeatTable");
    if (defaultSchema == null || defaultSchema.isBlank()) {
      defaultSchema = ShadowTableName.DEFAULT_SCHEMA;
    }
  }
}

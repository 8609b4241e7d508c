package io.chronoshadow.shadow.topology;

import io.chronoshadow.shadow.policy.BucketPolicy;
import io.chronoshadow.shadow.policy.GroupNames;
import io.chronoshadow.shadow.table.ShadowTableName;
import java.time.Duration;
import java.util.Objects;

/**
 * What one group's topology needs to know.
 *
 * @param initialPolicy the policy of a group that has no state yet; later changes come from the
 *     policies topic
 * @param heartbeatWatermarkDelay a heartbeat at time h becomes the watermark h − delay. Debezium
 *     stamps heartbeats with its clock when it emits them; a transaction still in its backlog at
 *     that moment may have committed before h. The delay bounds how far capture may lag without
 *     breaking the heartbeat's promise (a broken promise is counted, not lost)
 * @param defaultSchema the source schema whose tables keep their bare names in the group's Iceberg
 *     namespace (see {@link ShadowTableName})
 */
public record ShadowTopologySettings(
    String group,
    ShadowTopics topics,
    BucketPolicy initialPolicy,
    Duration heartbeatWatermarkDelay,
    String defaultSchema) {

  /** Settings whose default schema is {@code public}. */
  public ShadowTopologySettings(
      String group,
      ShadowTopics topics,
      BucketPolicy initialPolicy,
      Duration heartbeatWatermarkDelay) {
    this(group, topics, initialPolicy, heartbeatWatermarkDelay, ShadowTableName.DEFAULT_SCHEMA);
  }

  public ShadowTopologySettings {
    GroupNames.requireValid(group);
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(initialPolicy, "initialPolicy");
    if (heartbeatWatermarkDelay == null || heartbeatWatermarkDelay.isNegative()) {
      throw new IllegalArgumentException("heartbeatWatermarkDelay must be ≥ 0");
    }
    if (defaultSchema == null || defaultSchema.isBlank()) {
      defaultSchema = ShadowTableName.DEFAULT_SCHEMA;
    }
  }
}

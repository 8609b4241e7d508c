package io.chronoshadow.console.policies;

import io.chronoshadow.console.kafka.CompactedTopic;
import io.chronoshadow.console.kafka.Producers;
import io.chronoshadow.shadow.policy.GroupPolicy;
import io.chronoshadow.shadow.policy.PolicyCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policies of every group, as the compacted policies topic holds them: one record per group,
 * keyed by the group name, in the wire form of {@link PolicyCodec}; a tombstone deletes the group's
 * policy (the topology then returns to the policy it was configured with). The topic is the only
 * store.
 */
public final class PolicyStore implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PolicyStore.class);

  private final CompactedTopic<GroupPolicy> topic;

  public PolicyStore(String bootstrapServers, String topic, Producers producers) {
    this.topic =
        new CompactedTopic<>(
            "policies",
            bootstrapServers,
            topic,
            producers,
            bytes -> PolicyCodec.fromJson(new String(bytes, StandardCharsets.UTF_8)));
  }

  public PolicyStore start() {
    topic.start();
    return this;
  }

  public CompactedTopic<GroupPolicy> topic() {
    return topic;
  }

  public List<GroupPolicy> list() {
    return topic.values();
  }

  public Optional<GroupPolicy> get(String group) {
    return topic.get(group);
  }

  /** Writes the group's policy and waits for Kafka to acknowledge it. */
  public void put(GroupPolicy policy) {
    String json = PolicyCodec.toJson(policy);
    topic.write(policy.group(), policy, json);
    LOG.info("policy of group {} set to {}", policy.group(), json);
  }

  /** Writes the group's tombstone and waits for Kafka to acknowledge it. */
  public void delete(String group) {
    topic.write(group, null, null);
    LOG.info("policy of group {} deleted (tombstone on {})", group, topic.topic());
  }

  @Override
  public void close() {
    topic.close();
  }
}

package io.chronoshadow.console.shadows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chronoshadow.console.http.Json;
import io.chronoshadow.console.kafka.CompactedTopic;
import io.chronoshadow.console.kafka.Producers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pinned shadows, kept in a compacted topic ({@code chrono.pins} by default): key {@code
 * <group>/<shadow id>}, value {@code {"group","shadowId","pinnedAt"}}, a tombstone unpins. A
 * compacted topic keeps the latest record of every key forever, and any process can rebuild the pin
 * set by reading it from the beginning.
 *
 * <p>The contract retention must honour: before removing a shadow (its tags, or the snapshots and
 * files only it references), read this topic to its end and keep every shadow whose latest record
 * is a pin. Pinning also sets the shadow's Iceberg tags to never expire ({@link PinnedTags}), so
 * that Iceberg's own snapshot expiry keeps them too.
 */
public final class PinStore implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PinStore.class);

  /** A pin of one shadow. */
  public record Pin(String group, String shadowId, Instant pinnedAt) {}

  private final CompactedTopic<Pin> topic;

  public PinStore(String bootstrapServers, String topic, Producers producers) {
    this.topic = new CompactedTopic<>("pins", bootstrapServers, topic, producers, PinStore::decode);
  }

  private static Pin decode(byte[] value) {
    try {
      JsonNode node = Json.MAPPER.readTree(value);
      return new Pin(
          node.get("group").asText(),
          node.get("shadowId").asText(),
          Instant.parse(node.get("pinnedAt").asText()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public PinStore start() {
    topic.start();
    return this;
  }

  public CompactedTopic<Pin> topic() {
    return topic;
  }

  static String key(String group, String shadowId) {
    return group + "/" + shadowId;
  }

  public Optional<Pin> get(String group, String shadowId) {
    return topic.get(key(group, shadowId));
  }

  public List<Pin> list(String group) {
    return topic.values().stream().filter(p -> p.group().equals(group)).toList();
  }

  public Pin pin(String group, String shadowId) {
    Pin pin = new Pin(group, shadowId, Instant.now());
    ObjectNode value = Json.object();
    value.put("group", group);
    value.put("shadowId", shadowId);
    value.put("pinnedAt", pin.pinnedAt().toString());
    topic.write(key(group, shadowId), pin, value.toString());
    LOG.info("shadow {} of group {} pinned", shadowId, group);
    return pin;
  }

  public void unpin(String group, String shadowId) {
    topic.write(key(group, shadowId), null, null);
    LOG.info("shadow {} of group {} unpinned", shadowId, group);
  }

  @Override
  public void close() {
    topic.close();
  }
}

package io.chronoshadow.shadow.app;

import io.chronoshadow.fixtures.kafka.Topics;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Left only for {@link ConnectCaptureCrashTest}, which a parallel change moves to the shared
 * fixtures: delete this once that test reads through {@link Topics}.
 */
final class TopicDump {

  private TopicDump() {}

  static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrapServers, String topic) {
    return Topics.readAll(bootstrapServers, topic);
  }
}

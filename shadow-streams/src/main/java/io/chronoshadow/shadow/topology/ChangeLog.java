package io.chronoshadow.shadow.topology;

import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads a range of a change topic again: how the topology gets back the events it held in memory
 * when a crash, a thread replacement or a task move lost them (see {@link TableHold}).
 */
@FunctionalInterface
public interface ChangeLog {

  /**
   * Calls {@code each} for every committed record of {@code topic}-{@code partition} with {@code
   * fromOffset <= offset < toOffset}, in offset order.
   *
   * @throws IllegalStateException when the range cannot be read completely (e.g. retention deleted
   *     part of it)
   */
  void read(
      String topic,
      int partition,
      long fromOffset,
      long toOffset,
      Consumer<ConsumerRecord<byte[], byte[]>> each);

  /** For topologies that never need to re-read (a single run under a test driver). */
  ChangeLog NONE =
      (topic, partition, from, to, each) -> {
        throw new IllegalStateException(
            "no change log to re-read " + topic + "-" + partition + " [" + from + ", " + to + ")");
      };
}

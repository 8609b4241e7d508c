package io.chronoshadow.shadow.topology;

import java.util.List;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads ranges of change topics again: how the topology gets back the events it held in memory when
 * a crash, a thread replacement or a task move lost them (see {@link TableHold}).
 */
@FunctionalInterface
public interface ChangeLog {

  /** The held range of one table: {@code fromOffset <= offset < toOffset}. */
  record Range(String table, String topic, int partition, long fromOffset, long toOffset) {}

  /**
   * Calls {@code each} for every committed record of every range, with the range it belongs to;
   * each range's records in offset order (ranges of different partitions interleave).
   *
   * @throws IllegalStateException when a range cannot be read completely (e.g. retention deleted
   *     part of it)
   */
  void read(List<Range> ranges, BiConsumer<Range, ConsumerRecord<byte[], byte[]>> each);

  /** For topologies that never need to re-read (a single run under a test driver). */
  ChangeLog NONE =
      (ranges, each) -> {
        if (!ranges.isEmpty()) {
          throw new IllegalStateException("no change log to re-read " + ranges);
        }
      };
}

package io.chronoshadow.shadow.topology;

import java.util.ArrayList;
import java.util.List;

/**
 * Where one table's uncommitted events are in its change topic: staging by reference. The events
 * themselves are held in memory only (decoded once, netted per shadow); what is stored, and
 * changelogged once per Kafka commit however many events arrived, is this: the offset from which
 * the topic holds every event not yet in a committed shadow, the offset after the last one
 * processed, and per open shadow the offset of its last event. After a crash (or a move of the
 * task) the range is read again and each event goes back to the shadow whose segment covers it, or
 * to the waiting queue past the last segment. Events dropped inside the range (duplicates, dead
 * letters) are listed apart ({@code StoreKeys.SKIPS_STORE}): the tracker's decision is not repeated
 * on a re-read.
 *
 * <p>Placement is monotonic in offset (a table's events are offered in topic order and assigned to
 * shadows in sequence order), which is what makes a list of segment ends enough.
 *
 * @param topic the change topic of the table (null before its first event)
 * @param heldFrom first offset that may hold an uncommitted event; -1 when nothing is held
 * @param nextOffset the offset after the last event processed; -1 before the first
 * @param segments per open shadow with events of this table, in sequence order: its last offset
 */
record TableHold(
    String topic, int partition, long heldFrom, long nextOffset, List<Segment> segments) {

  record Segment(long shadow, long lastOffset) {}

  static final TableHold NONE = new TableHold(null, 0, -1, -1, List.of());

  TableHold {
    segments = List.copyOf(segments);
  }

  /** An event of the table was read at {@code offset}; it is held until placed or dropped. */
  TableHold received(String topic, int partition, long offset) {
    if (this.topic != null && (!this.topic.equals(topic) || this.partition != partition)) {
      throw new IllegalArgumentException(
          "changes of one table arrive on "
              + this.topic
              + "-"
              + this.partition
              + " and "
              + topic
              + "-"
              + partition
              + "; a table's changes must come from one topic partition");
    }
    return new TableHold(topic, partition, heldFrom < 0 ? offset : heldFrom, offset + 1, segments);
  }

  /** The event at {@code offset} was staged in {@code shadow}. */
  TableHold staged(long shadow, long offset) {
    // Called per event: one array for the new list (the record's copy of an immutable list is
    // the list itself).
    int n = segments.size();
    boolean sameShadow = n > 0 && segments.get(n - 1).shadow() == shadow;
    Segment[] next = segments.toArray(new Segment[sameShadow ? n : n + 1]);
    next[sameShadow ? n - 1 : n] = new Segment(shadow, offset);
    return new TableHold(topic, partition, heldFrom, nextOffset, List.of(next));
  }

  /**
   * Whether dropping the event at {@code offset} must be remembered: not while no segment is open,
   * because the event dropped is then the oldest held one and the hold simply starts after it.
   */
  boolean dropNeedsSkip() {
    return !segments.isEmpty();
  }

  /** The oldest held event, at {@code offset}, was dropped while no segment was open. */
  TableHold droppedOldest(long offset) {
    return settle(new TableHold(topic, partition, offset + 1, nextOffset, segments));
  }

  /** Shadows up to {@code shadow} are committed: their segments are no longer held. */
  TableHold committed(long shadow) {
    List<Segment> next = new ArrayList<>();
    long from = heldFrom;
    for (Segment s : segments) {
      if (s.shadow() <= shadow) {
        from = s.lastOffset() + 1;
      } else {
        next.add(s);
      }
    }
    return settle(new TableHold(topic, partition, from, nextOffset, next));
  }

  private static TableHold settle(TableHold h) {
    boolean empty = h.segments.isEmpty() && h.heldFrom >= h.nextOffset;
    return empty ? new TableHold(h.topic, h.partition, -1, h.nextOffset, List.of()) : h;
  }

  /** Offsets a recovery must read again: [heldFrom, nextOffset), or none. */
  boolean holdsAny() {
    return heldFrom >= 0 && heldFrom < nextOffset;
  }

  /**
   * The open shadow whose segment covers {@code offset}, or 0 when the event was waiting (past the
   * last segment).
   */
  long shadowAt(long offset) {
    for (Segment s : segments) {
      if (offset <= s.lastOffset()) {
        return s.shadow();
      }
    }
    return 0;
  }
}

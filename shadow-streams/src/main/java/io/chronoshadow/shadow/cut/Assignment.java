package io.chronoshadow.shadow.cut;

/** What a {@link TableCutTracker} decided about one change event. */
public sealed interface Assignment
    permits Assignment.Assigned, Assignment.Duplicate, Assignment.Waiting, Assignment.Rejected {

  /** The event belongs to shadow {@code shadowSequence}; {@code baseline} for snapshot reads. */
  record Assigned(long shadowSequence, boolean baseline) implements Assignment {}

  /**
   * Seen before (at-least-once capture); drop it. Counted in {@link TableCutTracker#duplicates()}.
   */
  record Duplicate() implements Assignment {}

  /**
   * No known cut covers the event yet. It was not consumed: keep it, and this and every later event
   * of the table must be offered again, in their original order, after the next {@link
   * TableCutTracker#onCut}.
   */
  record Waiting() implements Assignment {}

  /** The event cannot be placed in any shadow; send it to the dead-letter topic with the reason. */
  record Rejected(String reason) implements Assignment {}

  Duplicate DUPLICATE = new Duplicate();
  Waiting WAITING = new Waiting();
}

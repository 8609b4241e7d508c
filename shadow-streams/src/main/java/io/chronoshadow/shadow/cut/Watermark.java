package io.chronoshadow.shadow.cut;

import java.time.Instant;

/**
 * A promise from the source (a Debezium heartbeat): no transaction committed before {@code time} is
 * still unseen. It lets an idle source close buckets. The topology must deliver it only after every
 * transaction it covers; a transaction that arrives after a cut it should have been in is moved to
 * the open bucket and counted (see {@link CutPlanner#lateTransactions()}).
 */
public record Watermark(Instant time) implements PlannerInput {

  public Watermark {
    Counts.requireEpochMillis(time, "time");
  }
}

package io.chronoshadow.shadow.cut;

import java.util.Objects;

/**
 * The source's initial snapshot is complete; its rows are the baseline (shadow 1), as of {@code
 * snapshotTime} (the commit time Debezium gives the last snapshot record). The baseline is a change
 * at that time like a transaction's, so a group whose tables only ever had snapshot rows still gets
 * its first shadow, at the end of the bucket that time falls in. Ignored once a cut exists.
 */
public record Baseline(java.time.Instant snapshotTime) implements PlannerInput {

  public Baseline {
    Objects.requireNonNull(snapshotTime, "snapshotTime");
  }
}

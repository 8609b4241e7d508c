package io.chronoshadow.shadow.commit;

/**
 * What one shadow commit did to one table. Counts come from the snapshot summary, so a retried
 * commit reports the figures of the snapshot written the first time.
 */
public record TableCommitStats(
    String table,
    long snapshotId,
    long rowsAdded,
    long equalityDeletes,
    long bytesWritten,
    Outcome outcome) {

  public enum Outcome {
    /** A new snapshot with this shadow's changes. */
    COMMITTED,
    /** A snapshot for this shadow existed already (retry); only missing steps were done. */
    ALREADY_COMMITTED,
    /** No changes in this shadow: the tag points at the table's current snapshot. */
    TAGGED_UNCHANGED,
    /** No changes and no snapshot yet: an empty snapshot was created to carry the tag. */
    EMPTY_SNAPSHOT
  }
}

package io.chronoshadow.shadow.stage;

/** Change events of one table in one shadow, by operation (duplicates excluded). */
public record OpCounts(long inserts, long updates, long deletes, long snapshotReads) {

  public static final OpCounts NONE = new OpCounts(0, 0, 0, 0);

  /** Adds one event with Debezium op code {@code op} (c, u, d, r). */
  public OpCounts plus(String op) {
    return switch (op) {
      case "c" -> new OpCounts(inserts + 1, updates, deletes, snapshotReads);
      case "u" -> new OpCounts(inserts, updates + 1, deletes, snapshotReads);
      case "d" -> new OpCounts(inserts, updates, deletes + 1, snapshotReads);
      case "r" -> new OpCounts(inserts, updates, deletes, snapshotReads + 1);
      default -> throw new IllegalArgumentException("op " + op + " is not counted");
    };
  }

  /**
   * How the table's row count moves: each insert or read adds a row and each delete removes one
   * (PostgreSQL reports a key change as delete + insert), updates keep it.
   */
  public long rowDelta() {
    return inserts + snapshotReads - deletes;
  }
}

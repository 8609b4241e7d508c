package io.chronoshadow.shadow.topology;

/**
 * Names and key layouts of the topology's state stores. Sequence numbers are zero-padded so that
 * the stores' byte order is sequence order and one shadow's entries share a prefix.
 */
final class StoreKeys {

  /** Planner state, last committed sequence, cuts waiting to be committed. */
  static final String GROUP_STORE = "shadow-group";

  /** Per table: {@link TableProgress}. */
  static final String TABLES_STORE = "shadow-tables";

  /** Net change per (shadow, table, primary key) of the open shadows. */
  static final String STAGED_STORE = "shadow-staged";

  /** Per table, in arrival order: events no known cut covers yet. */
  static final String WAITING_STORE = "shadow-waiting";

  /** Per (shadow, table): change counts by operation. */
  static final String OPS_STORE = "shadow-ops";

  static final String PLANNER = "planner";
  static final String LAST_COMMITTED = "last-committed";

  private StoreKeys() {}

  static String cut(long sequence) {
    return "cut/" + seq(sequence);
  }

  static String shadowPrefix(long sequence) {
    return seq(sequence) + "|";
  }

  static String staged(long sequence, String table, String rowKey) {
    return shadowPrefix(sequence) + table + "|" + rowKey;
  }

  static String ops(long sequence, String table) {
    return shadowPrefix(sequence) + table;
  }

  static String waiting(String table, long position) {
    return table + "|" + seq(position);
  }

  private static String seq(long n) {
    return String.format("%019d", n);
  }
}

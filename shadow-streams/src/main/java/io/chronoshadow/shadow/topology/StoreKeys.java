package io.chronoshadow.shadow.topology;

/**
 * Names and key layouts of the topology's state stores. Sequence numbers are zero-padded so that
 * the stores' byte order is sequence order and one shadow's entries share a prefix.
 */
final class StoreKeys {

  /**
   * Planner state, last committed sequence, cuts waiting to be committed, the open shadow's entries
   * (see {@code StoreOpenShadow}).
   */
  static final String GROUP_STORE = "shadow-group";

  /** Per table: {@link TableProgress}. */
  static final String TABLES_STORE = "shadow-tables";

  /**
   * Per (table, offset): held events that were dropped (duplicates, dead letters) while an open
   * shadow of the table had events; a re-read skips them (see {@link TableHold}). Rare entries.
   */
  static final String SKIPS_STORE = "shadow-skips";

  /**
   * The duplicate windows of the planner (transaction ids) and of each table's tracker (event
   * keys), one entry per key: see {@code StoreDedupWindow}.
   */
  static final String SEEN_STORE = "shadow-seen";

  static final String PLANNER = "planner";
  static final String LAST_COMMITTED = "last-committed";

  private StoreKeys() {}

  static String cut(long sequence) {
    return "cut/" + seq(sequence);
  }

  static String skip(String table, long offset) {
    return table + "|" + pad19(offset);
  }

  static long skipOffset(String skipKey) {
    return Long.parseLong(skipKey.substring(skipKey.lastIndexOf('|') + 1));
  }

  /** Prefix of the open shadow's entries in the group store. */
  static final String OPEN_ENTRIES = "open/";

  /** The open shadow's entry of one effective millisecond. */
  static String openEntry(long effectiveMillis) {
    return OPEN_ENTRIES + pad19(effectiveMillis);
  }

  /** Prefix of the planner's window of transaction ids in the seen store. */
  static final String SEEN_TRANSACTIONS = "tx|";

  /** Prefix of one table's window of event keys in the seen store. */
  static String seenEvents(String table) {
    return "ev|" + table + "|";
  }

  private static String seq(long n) {
    return pad19(n);
  }

  /**
   * {@code n} (≥ 0) in 19 digits, zero-padded, so that byte order is numeric order: {@code
   * String.format} was a measurable share of the per-event cost.
   */
  static String pad19(long n) {
    String digits = Long.toString(Math.max(0, n));
    return "0".repeat(19 - digits.length()) + digits;
  }
}

package io.chronoshadow.shadow.commit;

/**
 * Points in a shadow commit where a test can inject a crash (by throwing). Production uses {@link
 * #NONE}.
 */
public interface CommitHook {

  CommitHook NONE = new CommitHook() {};

  /** Before anything is written for this table. */
  default void beforeTable(String shadowId, String table) {}

  /**
   * The table has changes for the shadow and does not store it yet: its data and delete files are
   * written next (the write phase).
   */
  default void beforeFiles(String shadowId, String table) {}

  /** The table's files for the shadow are written; nothing is committed to the catalog yet. */
  default void beforeCommit(String shadowId, String table) {}

  /** The table is done (snapshot and tag). */
  default void afterTable(String shadowId, String table) {}
}

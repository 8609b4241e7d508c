package io.chronoshadow.shadow.cut;

import java.util.List;

/**
 * Duplicate detection for at-least-once input in commit order (see {@link RecentKeys} for the
 * rule): a key is a duplicate if it was remembered before, or if its commit time is older than the
 * newest commit time seen minus the commit-skew tolerance. Kept in memory as part of a planner's or
 * tracker's state ({@link RecentKeys}), or outside it — the topology keeps it in a state store, one
 * entry per key, so that its cost per event does not grow with the window.
 */
public interface DedupWindow {

  boolean isDuplicate(String key, long commitMillis);

  void remember(String key, long commitMillis);

  /** The newest commit time remembered ({@link Long#MIN_VALUE} before the first). */
  long newestCommitMillis();

  /** The remembered keys, for a state snapshot; empty when they are kept elsewhere. */
  List<SeenKey> entries();

  /**
   * Whether a commit at {@code commitMillis} is older than the window that ends at {@code
   * newestCommitMillis}: such a record can only be a re-delivery.
   */
  static boolean isBeforeWindow(long commitMillis, long newestCommitMillis, long toleranceMillis) {
    return newestCommitMillis != Long.MIN_VALUE
        && commitMillis < newestCommitMillis - toleranceMillis;
  }
}

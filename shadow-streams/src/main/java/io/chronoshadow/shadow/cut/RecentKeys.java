package io.chronoshadow.shadow.cut;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bounded duplicate detection for at-least-once input in commit order. Keys are remembered only
 * while their commit time is within {@code toleranceMillis} of the newest commit time seen;
 * anything older than that is a replay by definition, because in commit order a new transaction's
 * commit time can fall behind its predecessors' only by a clock step-back, which is far smaller
 * than the tolerance. So memory is bounded by the commit rate times the tolerance, yet no replay —
 * however long — is mistaken for new input.
 */
final class RecentKeys implements DedupWindow {

  private final long toleranceMillis;
  private final LinkedHashMap<String, Long> keys = new LinkedHashMap<>();
  private long newestCommitMillis = Long.MIN_VALUE;

  RecentKeys(long toleranceMillis) {
    this.toleranceMillis = toleranceMillis;
  }

  RecentKeys(long toleranceMillis, long newestCommitMillis, List<SeenKey> entries) {
    this(toleranceMillis);
    this.newestCommitMillis = newestCommitMillis;
    entries.forEach(e -> keys.put(e.key(), e.commitMillis()));
  }

  @Override
  public boolean isDuplicate(String key, long commitMillis) {
    return isBeforeWindow(commitMillis) || keys.containsKey(key);
  }

  @Override
  public void remember(String key, long commitMillis) {
    keys.put(key, commitMillis);
    newestCommitMillis = Math.max(newestCommitMillis, commitMillis);
    // Entries are roughly in commit-time order; evicting from the head is enough to bound memory,
    // and stragglers further in are harmless because lookups apply the window rule first.
    for (Iterator<Map.Entry<String, Long>> it = keys.entrySet().iterator(); it.hasNext(); ) {
      if (!isBeforeWindow(it.next().getValue())) {
        break;
      }
      it.remove();
    }
  }

  private boolean isBeforeWindow(long commitMillis) {
    return DedupWindow.isBeforeWindow(commitMillis, newestCommitMillis, toleranceMillis);
  }

  @Override
  public long newestCommitMillis() {
    return newestCommitMillis;
  }

  @Override
  public List<SeenKey> entries() {
    List<SeenKey> out = new ArrayList<>(keys.size());
    keys.forEach((k, t) -> out.add(new SeenKey(k, t)));
    return out;
  }
}

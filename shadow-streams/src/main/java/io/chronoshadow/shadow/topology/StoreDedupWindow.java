package io.chronoshadow.shadow.topology;

import io.chronoshadow.shadow.cut.DedupWindow;
import io.chronoshadow.shadow.cut.SeenKey;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A {@link DedupWindow} in a state store: one entry per remembered key, {@code <prefix><commit
 * millis, zero-padded>|<key>}, so that remembering costs one small write however many keys the
 * window holds (serialising the window with its owner's state on every event did not scale: a 10 s
 * window at 20k events/s is 200k keys). A duplicate carries its original's commit time, so a lookup
 * is one exact get. Entries that fell out of the window are deleted by a range scan, at most once
 * per tenth of the tolerance. The newest commit time is its owner's to persist.
 */
final class StoreDedupWindow implements DedupWindow {

  private static final byte[] PRESENT = new byte[0];

  private final KeyValueStore<String, byte[]> store;
  private final String prefix;
  private final long toleranceMillis;
  private long newestCommitMillis;
  private long evictedBelow = Long.MIN_VALUE;

  StoreDedupWindow(
      KeyValueStore<String, byte[]> store,
      String prefix,
      long toleranceMillis,
      long newestCommitMillis,
      List<SeenKey> migrated) {
    this.store = store;
    this.prefix = prefix;
    this.toleranceMillis = toleranceMillis;
    this.newestCommitMillis = newestCommitMillis;
    // State written before the window moved to the store still lists its keys.
    migrated.forEach(k -> store.put(entry(k.commitMillis(), k.key()), PRESENT));
  }

  @Override
  public boolean isDuplicate(String key, long commitMillis) {
    return isBeforeWindow(commitMillis) || store.get(entry(commitMillis, key)) != null;
  }

  @Override
  public void remember(String key, long commitMillis) {
    store.put(entry(commitMillis, key), PRESENT);
    if (commitMillis > newestCommitMillis) {
      newestCommitMillis = commitMillis;
      long below = newestCommitMillis - toleranceMillis;
      if (evictedBelow == Long.MIN_VALUE || below - evictedBelow >= toleranceMillis) {
        evict(below);
      }
    }
  }

  private void evict(long below) {
    List<String> old = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = store.range(prefix, prefix + pad(below))) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> kv = it.next();
        old.add(kv.key);
      }
    }
    old.forEach(store::delete);
    evictedBelow = below;
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
    return List.of();
  }

  private String entry(long commitMillis, String key) {
    return prefix + pad(commitMillis) + "|" + key;
  }

  /** Byte order = numeric order for the epoch milliseconds of any real commit (non-negative). */
  private static String pad(long millis) {
    return StoreKeys.pad19(millis);
  }
}

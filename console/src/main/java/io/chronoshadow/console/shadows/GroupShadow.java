package io.chronoshadow.console.shadows;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** A shadow of a group: its id, cut time, and per table the snapshot its tag points at. */
public record GroupShadow(String id, Instant cutTime, Map<String, Long> snapshots) {

  public GroupShadow {
    snapshots = Collections.unmodifiableMap(new TreeMap<>(snapshots));
  }

  static final class Builder {
    private final String id;
    private final Instant cutTime;
    private final Map<String, Long> snapshots = new TreeMap<>();

    Builder(String id, Instant cutTime) {
      this.id = id;
      this.cutTime = cutTime;
    }

    Builder table(String table, long snapshotId) {
      snapshots.put(table, snapshotId);
      return this;
    }

    GroupShadow build() {
      return new GroupShadow(id, cutTime, snapshots);
    }
  }
}

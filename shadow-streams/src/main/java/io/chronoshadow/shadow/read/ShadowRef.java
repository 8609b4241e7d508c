package io.chronoshadow.shadow.read;

import java.time.Instant;

/** A shadow as seen on one table: its id, cut time, and the snapshot its tag points at. */
public record ShadowRef(String shadowId, Instant cutTime, long snapshotId) {}

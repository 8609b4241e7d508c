package io.chronoshadow.shadow.history;

import java.time.Instant;

/** One row of a group's change history: a shadow and what it did to one key. */
public record HistoryEntry(String shadowId, long sequence, Instant shadowTime, KeyChange change) {}

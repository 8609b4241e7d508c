package io.chronoshadow.shadow.cut;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An {@link OpenShadow} in memory, part of the planner's state. */
final class MemoryOpenShadow implements OpenShadow {

  private final ArrayDeque<PlannerState.OpenEntry> entries = new ArrayDeque<>();

  MemoryOpenShadow() {}

  MemoryOpenShadow(List<PlannerState.OpenEntry> restored) {
    entries.addAll(restored);
  }

  @Override
  public void add(long effectiveMillis, String txId, Map<String, Long> counts) {
    PlannerState.OpenEntry last = entries.peekLast();
    if (last != null && last.effectiveMillis() == effectiveMillis) {
      entries.pollLast();
    }
    entries.addLast(OpenShadow.withTransaction(last, effectiveMillis, txId, counts));
  }

  @Override
  public void addBaseline(long effectiveMillis) {
    PlannerState.OpenEntry last = entries.peekLast();
    if (last == null || last.effectiveMillis() != effectiveMillis) {
      entries.addLast(new PlannerState.OpenEntry(effectiveMillis, 0, NO_TRANSACTION, Map.of()));
    }
  }

  @Override
  public boolean hasBefore(long millis) {
    PlannerState.OpenEntry first = entries.peekFirst();
    return first != null && first.effectiveMillis() < millis;
  }

  @Override
  public Taken takeBefore(long millis) {
    Taken.Sum sum = new Taken.Sum();
    while (hasBefore(millis)) {
      sum.add(entries.pollFirst());
    }
    return sum.taken();
  }

  @Override
  public List<PlannerState.OpenEntry> entries() {
    return new ArrayList<>(entries);
  }
}

package io.chronoshadow.devstack.workload;

import java.util.ArrayList;
import java.util.List;

/**
 * A bag of ids with O(1) add, uniform random pick and random removal. Removal swaps the last
 * element into the hole; the resulting order is still a pure function of the operations applied,
 * which is all determinism needs.
 */
final class PickList {

  private final List<Long> ids = new ArrayList<>();
  private final int capacity;

  PickList(int capacity) {
    this.capacity = capacity;
  }

  /** Adds an id; when full, first forgets a random one (that entity just stops being chosen). */
  void add(long id, DeterministicRandom random) {
    if (ids.size() >= capacity) {
      removeRandom(random);
    }
    ids.add(id);
  }

  /** Adds during initial load, where no randomness is involved yet. */
  void addInitial(long id) {
    if (ids.size() < capacity) {
      ids.add(id);
    }
  }

  long pick(DeterministicRandom random) {
    return ids.get(random.nextInt(ids.size()));
  }

  long removeRandom(DeterministicRandom random) {
    int index = random.nextInt(ids.size());
    long id = ids.get(index);
    long last = ids.remove(ids.size() - 1);
    if (index < ids.size()) {
      ids.set(index, last);
    }
    return id;
  }

  boolean isEmpty() {
    return ids.isEmpty();
  }

  int size() {
    return ids.size();
  }
}

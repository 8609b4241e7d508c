package io.chronoshadow.shadow.cut;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Per-table event counts: validated, sorted (stable iteration, stable encodings) and immutable. */
final class Counts {

  private Counts() {}

  static SortedMap<String, Long> copyOf(Map<String, Long> counts, String what) {
    if (counts == null) {
      throw new IllegalArgumentException(what + " must not be null");
    }
    TreeMap<String, Long> copy = new TreeMap<>();
    counts.forEach(
        (table, n) -> {
          if (table == null || table.isEmpty()) {
            throw new IllegalArgumentException(what + " has an empty table name");
          }
          if (n == null || n < 0) {
            throw new IllegalArgumentException(
                what + " has a negative count for " + table + " (was " + n + ")");
          }
          if (n > 0) {
            copy.put(table, n);
          }
        });
    return Collections.unmodifiableSortedMap(copy);
  }

  /** Cut arithmetic is in epoch milliseconds; reject instants that do not fit, up front. */
  static void requireEpochMillis(Instant t, String what) {
    if (t == null) {
      throw new IllegalArgumentException(what + " must not be null");
    }
    try {
      t.toEpochMilli();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(what + " is out of range (was " + t + ")", e);
    }
  }

  static long total(Map<String, Long> counts) {
    long sum = 0;
    for (long n : counts.values()) {
      sum = Math.addExact(sum, n);
    }
    return sum;
  }

  static void addInto(Map<String, Long> target, Map<String, Long> delta) {
    delta.forEach((table, n) -> target.merge(table, n, Math::addExact));
  }
}

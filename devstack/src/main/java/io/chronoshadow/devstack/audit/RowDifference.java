package io.chronoshadow.devstack.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * How a table read from a shadow differs from the same table per an oracle, in one line: the keys
 * only one side has and the keys whose rows differ, each with the columns that differ. A failed
 * comparison of two tables of hundreds of rows is unreadable as two map dumps, and a CI log often
 * keeps only the first line of a failure.
 */
public final class RowDifference {

  private RowDifference() {}

  /**
   * Empty if {@code actual} equals {@code expected}; otherwise a summary of at most {@code limit}
   * keys per kind of difference. Both map key → (column → canonical value).
   */
  public static String describe(
      Map<String, Map<String, String>> actual,
      Map<String, Map<String, String>> expected,
      int limit) {
    List<String> onlyActual = new ArrayList<>();
    List<String> onlyExpected = new ArrayList<>();
    List<String> differing = new ArrayList<>();
    TreeSet<String> keys = new TreeSet<>(actual.keySet());
    keys.addAll(expected.keySet());
    for (String key : keys) {
      Map<String, String> a = actual.get(key);
      Map<String, String> e = expected.get(key);
      if (e == null) {
        onlyActual.add(key);
      } else if (a == null) {
        onlyExpected.add(key);
      } else if (!a.equals(e)) {
        differing.add(key + " " + columns(a, e));
      }
    }
    if (onlyActual.isEmpty() && onlyExpected.isEmpty() && differing.isEmpty()) {
      return "";
    }
    return String.format(
        "%d rows vs %d expected; only here %d %s; missing %d %s; differing %d %s",
        actual.size(),
        expected.size(),
        onlyActual.size(),
        head(onlyActual, limit),
        onlyExpected.size(),
        head(onlyExpected, limit),
        differing.size(),
        head(differing, limit));
  }

  private static String columns(Map<String, String> actual, Map<String, String> expected) {
    List<String> out = new ArrayList<>();
    TreeSet<String> names = new TreeSet<>(actual.keySet());
    names.addAll(expected.keySet());
    for (String name : names) {
      if (!Objects.equals(actual.get(name), expected.get(name))) {
        out.add(name + "=" + actual.get(name) + " (expected " + expected.get(name) + ")");
      }
    }
    return out.toString();
  }

  private static String head(List<String> items, int limit) {
    return items.size() <= limit ? items.toString() : items.subList(0, limit) + "…";
  }
}

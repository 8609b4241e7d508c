package io.chronoshadow.schemas.contract;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Shadow group names end up inside shadow ids, Iceberg tag names, Trino string literals and Kafka
 * topic/store names, so they are restricted to characters that are safe in all of them.
 */
public final class GroupNames {

  public static final int MAX_LENGTH = 63;
  private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9_-]*");

  /**
   * The catalog namespace that holds every group's change history; a group of this name would mix
   * its shadow tables with the history tables.
   */
  public static final String HISTORY_NAMESPACE = "chrono_history";

  private GroupNames() {}

  /** Why {@code name} is not a valid group name, or empty if it is. */
  public static Optional<String> problem(String name) {
    if (name == null || name.isEmpty()) {
      return Optional.of("is missing");
    }
    if (name.length() > MAX_LENGTH) {
      return Optional.of(
          "must be at most " + MAX_LENGTH + " characters (was " + name.length() + ")");
    }
    if (!VALID.matcher(name).matches()) {
      return Optional.of(
          "must be lowercase letters, digits, '-' or '_', starting with a letter or digit (was \""
              + name
              + "\")");
    }
    if (name.equals(HISTORY_NAMESPACE)) {
      return Optional.of(
          "must not be \"" + HISTORY_NAMESPACE + "\": that namespace holds the change history");
    }
    return Optional.empty();
  }

  /** Returns {@code name} if valid, else throws with the reason. */
  public static String requireValid(String name) {
    problem(name)
        .ifPresent(
            p -> {
              throw new IllegalArgumentException("group " + p);
            });
    return name;
  }
}

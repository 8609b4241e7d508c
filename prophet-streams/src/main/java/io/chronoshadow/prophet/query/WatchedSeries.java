package io.chronoshadow.prophet.query;

/**
 * One series of a group and whether the prophet alarms on it.
 *
 * @param shadows shadows that wrote values to the series' column (0 for a table metric)
 */
public record WatchedSeries(
    String id, String table, String metric, boolean watched, String reason, int shadows) {}

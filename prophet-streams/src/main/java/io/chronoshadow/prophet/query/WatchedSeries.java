package io.chronoshadow.prophet.query;

import io.chronoshadow.prophet.anomaly.Coverage;

/**
 * One series of a group and whether the prophet alarms on it.
 *
 * @param shadows shadows that wrote values to the series' column (0 for a table metric)
 * @param coverage how many of the last ~960 scored steps fell inside the one-step 80% and 95%
 *     intervals (none before the series is warm)
 */
public record WatchedSeries(
    String id,
    String table,
    String metric,
    boolean watched,
    String reason,
    int shadows,
    Coverage coverage) {}

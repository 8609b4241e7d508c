package io.chronoshadow.prophet.features;

/**
 * What one shadow wrote to one numeric column: the aggregates of its {@code ShadowTableStats}
 * record, with at least one value ({@code count > 0}).
 *
 * @param key the column is part of the table's primary key
 * @param sumOfSquares null when the record predates the field
 */
public record ColumnFigures(
    boolean key, long count, double sum, Double sumOfSquares, double min, double max) {}

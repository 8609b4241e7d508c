/**
 * What the topology holds of change events until their shadow is committed, in memory: each event
 * decoded once ({@code PendingChange}), netted per key and shadow as it arrives ({@code
 * StagedTable}, {@code StagedKey}, {@code OpCounts}); and the conversions at commit time: the table
 * schema from the event's writer schema ({@code TableSchemaReader}), values to the committer's
 * model ({@code RowChanges}), and per-shadow figures ({@code ColumnAggregates}).
 */
package io.chronoshadow.shadow.stage;

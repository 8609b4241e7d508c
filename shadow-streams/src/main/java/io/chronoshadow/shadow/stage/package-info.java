/**
 * What the topology keeps of a change event until its shadow is committed ({@code PendingChange},
 * the original bytes plus what the tracker needs), the canonical key under which changes are netted
 * ({@code RowKeys}), and the conversions at commit time: the table schema from the event's writer
 * schema ({@code TableSchemaReader}), values to the committer's model ({@code RowChanges}), and
 * per-shadow figures ({@code OpCounts}, {@code ColumnAggregates}).
 */
package io.chronoshadow.shadow.stage;

package io.chronoshadow.prophet.topology;

import io.chronoshadow.schemas.avro.ColumnAggregate;
import io.chronoshadow.schemas.avro.ShadowTableStats;
import java.time.Instant;
import java.util.List;

/** ShadowTableStats records as shadow-streams writes them, for feeding the topology in tests. */
final class StatsRecords {
  private StatsRecords() {}

  static ShadowTableStats stats(
      String group,
      String table,
      long sequence,
      Instant cut,
      long inserts,
      long deletes,
      long rowCount,
      double amountSum,
      long amountCount) {
    return ShadowTableStats.newBuilder()
        .setSchemaVersion(1)
        .setShadowId("shadow-" + group + "-" + sequence)
        .setGroup(group)
        .setSequence(sequence)
        .setCutTime(cut)
        .setTable(table)
        .setInserts(inserts)
        .setUpdates(0L)
        .setDeletes(deletes)
        .setSnapshotReads(0L)
        .setChangedKeys(inserts + deletes)
        .setRowCount(rowCount)
        .setBytesWritten(1000L * (inserts + deletes))
        .setAggregates(
            List.of(
                aggregate("id", true, amountCount, 1e6, 1.0, 2e3),
                aggregate("amount", false, amountCount, amountSum, 0.0, amountSum)))
        .build();
  }

  /** A column's aggregates; sum, min and max are null when no value was aggregated. */
  private static ColumnAggregate aggregate(
      String column, boolean key, long count, double sum, double min, double max) {
    boolean empty = count == 0;
    return ColumnAggregate.newBuilder()
        .setColumn(column)
        .setKey(key)
        .setCount(count)
        .setSum(empty ? null : sum)
        .setMin(empty ? null : min)
        .setMax(empty ? null : max)
        .build();
  }
}

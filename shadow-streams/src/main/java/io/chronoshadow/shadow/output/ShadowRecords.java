package io.chronoshadow.shadow.output;

import io.chronoshadow.schemas.avro.ColumnAggregate;
import io.chronoshadow.schemas.avro.CutTrigger;
import io.chronoshadow.schemas.avro.ShadowCommitted;
import io.chronoshadow.schemas.avro.ShadowTableStats;
import io.chronoshadow.shadow.cut.Cut;
import io.chronoshadow.shadow.stage.ColumnAggregates;
import io.chronoshadow.shadow.stage.OpCounts;
import java.util.ArrayList;
import java.util.List;

/** Builds the records of {@code chrono.shadows} and {@code chrono.shadow-stats}. */
public final class ShadowRecords {

  public static final int SCHEMA_VERSION = 1;

  private ShadowRecords() {}

  /** One committed shadow. */
  public static ShadowCommitted committed(
      Cut cut, long changeCount, List<String> tables, long commitMillis) {
    return ShadowCommitted.newBuilder()
        .setSchemaVersion(SCHEMA_VERSION)
        .setShadowId(cut.shadowId())
        .setGroup(cut.group())
        .setSequence(cut.sequence())
        .setCutTime(cut.cutTime())
        .setTrigger(CutTrigger.valueOf(cut.trigger().name()))
        .setTransactionCount(cut.transactionCount())
        .setLastTxId(cut.lastTxId())
        .setChangeCount(changeCount)
        .setTables(new ArrayList<>(tables))
        .setRequestIds(new ArrayList<>(cut.requestIds()))
        .setCommitMillis(commitMillis)
        .setLateTransactions(cut.lateTransactions())
        .build();
  }

  /** What one shadow did to one table. */
  public static ShadowTableStats tableStats(
      Cut cut,
      String table,
      OpCounts ops,
      long changedKeys,
      long rowCount,
      long bytesWritten,
      List<ColumnAggregates.Aggregate> aggregates) {
    List<ColumnAggregate> list = new ArrayList<>();
    for (ColumnAggregates.Aggregate a : aggregates) {
      list.add(
          ColumnAggregate.newBuilder()
              .setColumn(a.column())
              .setCount(a.count())
              .setSum(a.sum())
              .setMin(a.min())
              .setMax(a.max())
              .setKey(a.key())
              .setSumOfSquares(a.sumOfSquares())
              .build());
    }
    return ShadowTableStats.newBuilder()
        .setSchemaVersion(SCHEMA_VERSION)
        .setShadowId(cut.shadowId())
        .setGroup(cut.group())
        .setSequence(cut.sequence())
        .setCutTime(cut.cutTime())
        .setTable(table)
        .setInserts(ops.inserts())
        .setUpdates(ops.updates())
        .setDeletes(ops.deletes())
        .setSnapshotReads(ops.snapshotReads())
        .setChangedKeys(changedKeys)
        .setRowCount(rowCount)
        .setBytesWritten(bytesWritten)
        .setAggregates(list)
        .build();
  }
}

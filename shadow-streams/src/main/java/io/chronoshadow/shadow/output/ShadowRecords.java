package io.chronoshadow.shadow.output;

import io.chronoshadow.shadow.cut.Cut;
import io.chronoshadow.shadow.stage.ColumnAggregates;
import io.chronoshadow.shadow.stage.OpCounts;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Builds the records of {@code chrono.shadows} and {@code chrono.shadow-stats}. */
public final class ShadowRecords {

  public static final int SCHEMA_VERSION = 1;

  private ShadowRecords() {}

  /** One committed shadow. */
  public static GenericRecord committed(
      Cut cut, long changeCount, List<String> tables, long commitMillis) {
    Schema schema = OutputSchemas.SHADOW_COMMITTED;
    GenericData.Record r = new GenericData.Record(schema);
    r.put("schemaVersion", SCHEMA_VERSION);
    r.put("shadowId", cut.shadowId());
    r.put("group", cut.group());
    r.put("sequence", cut.sequence());
    r.put("cutTime", cut.cutTime().toEpochMilli());
    r.put(
        "trigger",
        new GenericData.EnumSymbol(schema.getField("trigger").schema(), cut.trigger().name()));
    r.put("transactionCount", cut.transactionCount());
    r.put("lastTxId", cut.lastTxId());
    r.put("changeCount", changeCount);
    r.put("tables", new ArrayList<>(tables));
    r.put("requestIds", new ArrayList<>(cut.requestIds()));
    r.put("commitMillis", commitMillis);
    r.put("lateTransactions", cut.lateTransactions());
    return r;
  }

  /** What one shadow did to one table. */
  public static GenericRecord tableStats(
      Cut cut,
      String table,
      OpCounts ops,
      long changedKeys,
      long rowCount,
      long bytesWritten,
      List<ColumnAggregates.Aggregate> aggregates) {
    Schema schema = OutputSchemas.SHADOW_TABLE_STATS;
    GenericData.Record r = new GenericData.Record(schema);
    r.put("schemaVersion", SCHEMA_VERSION);
    r.put("shadowId", cut.shadowId());
    r.put("group", cut.group());
    r.put("sequence", cut.sequence());
    r.put("cutTime", cut.cutTime().toEpochMilli());
    r.put("table", table);
    r.put("inserts", ops.inserts());
    r.put("updates", ops.updates());
    r.put("deletes", ops.deletes());
    r.put("snapshotReads", ops.snapshotReads());
    r.put("changedKeys", changedKeys);
    r.put("rowCount", rowCount);
    r.put("bytesWritten", bytesWritten);
    Schema aggregateSchema = schema.getField("aggregates").schema().getElementType();
    List<GenericRecord> list = new ArrayList<>();
    for (ColumnAggregates.Aggregate a : aggregates) {
      GenericData.Record ar = new GenericData.Record(aggregateSchema);
      ar.put("column", a.column());
      ar.put("count", a.count());
      ar.put("sum", a.sum());
      ar.put("min", a.min());
      ar.put("max", a.max());
      ar.put("key", a.key());
      ar.put("sumOfSquares", a.sumOfSquares());
      list.add(ar);
    }
    r.put("aggregates", list);
    return r;
  }
}

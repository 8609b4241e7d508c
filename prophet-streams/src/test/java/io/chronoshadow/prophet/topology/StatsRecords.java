package io.chronoshadow.prophet.topology;

import io.chronoshadow.shadow.output.OutputSchemas;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** ShadowTableStats records as shadow-streams writes them, for feeding the topology in tests. */
final class StatsRecords {
  private StatsRecords() {}

  static GenericRecord stats(
      String group,
      String table,
      long sequence,
      Instant cut,
      long inserts,
      long deletes,
      long rowCount,
      double amountSum,
      long amountCount) {
    Schema schema = OutputSchemas.SHADOW_TABLE_STATS;
    GenericData.Record r = new GenericData.Record(schema);
    r.put("schemaVersion", 1);
    r.put("shadowId", "shadow-" + group + "-" + sequence);
    r.put("group", group);
    r.put("sequence", sequence);
    r.put("cutTime", cut.toEpochMilli());
    r.put("table", table);
    r.put("inserts", inserts);
    r.put("updates", 0L);
    r.put("deletes", deletes);
    r.put("snapshotReads", 0L);
    r.put("changedKeys", inserts + deletes);
    r.put("rowCount", rowCount);
    r.put("bytesWritten", 1000L * (inserts + deletes));
    Schema aggregate = schema.getField("aggregates").schema().getElementType();
    GenericData.Record id = new GenericData.Record(aggregate);
    id.put("column", "id");
    id.put("count", amountCount);
    id.put("sum", amountCount == 0 ? null : 1e6);
    id.put("min", amountCount == 0 ? null : 1.0);
    id.put("max", amountCount == 0 ? null : 2e3);
    id.put("key", true);
    GenericData.Record amount = new GenericData.Record(aggregate);
    amount.put("column", "amount");
    amount.put("count", amountCount);
    amount.put("sum", amountCount == 0 ? null : amountSum);
    amount.put("min", amountCount == 0 ? null : 0.0);
    amount.put("max", amountCount == 0 ? null : amountSum);
    amount.put("key", false);
    r.put("aggregates", List.of(id, amount));
    return r;
  }
}

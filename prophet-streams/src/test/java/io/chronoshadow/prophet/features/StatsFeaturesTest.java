package io.chronoshadow.prophet.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.chronoshadow.schemas.avro.ShadowTableStats;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/** The column figures a stats record gives, from records with and without the newer fields. */
class StatsFeaturesTest {

  static final StatsFeatures FEATURES =
      new StatsFeatures(true, Pattern.compile(StatsFeatures.DEFAULT_COLUMN_EXCLUDE));

  @Test
  void eachColumnMeanCarriesItsKeyFlagAndSumOfSquares() throws InvalidStatsException {
    Schema schema = ShadowTableStats.getClassSchema();
    GenericRecord r =
        record(
            schema,
            aggregate(schema, "order_id", true, 2, 30, 14, 16, 452.0),
            aggregate(schema, "line_no", true, 2, 3, 1, 2, 5.0),
            aggregate(schema, "unit_price", false, 2, 7.5, 2.5, 5, 31.25));
    Map<String, MetricSample> samples = byMetric(FEATURES.extract(r));
    assertThat(samples)
        .containsOnlyKeys(
            "rows", "inserts", "updates", "deletes", "bytes", "line_no.mean", "unit_price.mean");
    assertThat(samples.get("rows").column()).isNull();
    assertThat(samples.get("line_no.mean").column())
        .isEqualTo(new ColumnFigures(true, 2, 3, 5.0, 1, 2));
    assertThat(samples.get("unit_price.mean").column())
        .isEqualTo(new ColumnFigures(false, 2, 7.5, 31.25, 2.5, 5));
    assertThat(samples.get("unit_price.mean").amount()).isEqualTo(3.75);
  }

  /** Records written before {@code key} and {@code sumOfSquares}: not a key, no sum of squares. */
  @Test
  void aRecordFromBeforeTheNewFieldsStillGivesItsFigures() throws InvalidStatsException {
    Schema old = withoutNewFields(ShadowTableStats.getClassSchema());
    GenericData.Record price =
        new GenericData.Record(old.getField("aggregates").schema().getElementType());
    price.put("column", "unit_price");
    price.put("count", 2L);
    price.put("sum", 7.5);
    price.put("min", 2.5);
    price.put("max", 5.0);
    Map<String, MetricSample> samples = byMetric(FEATURES.extract(record(old, price)));
    assertThat(samples.get("unit_price.mean").column())
        .isEqualTo(new ColumnFigures(false, 2, 7.5, null, 2.5, 5));
  }

  static Map<String, MetricSample> byMetric(TableStats stats) {
    return stats.samples().stream().collect(Collectors.toMap(s -> s.key().metric(), s -> s));
  }

  static GenericRecord aggregate(
      Schema schema,
      String column,
      boolean key,
      long count,
      double sum,
      double min,
      double max,
      double sumOfSquares) {
    GenericData.Record a =
        new GenericData.Record(schema.getField("aggregates").schema().getElementType());
    a.put("column", column);
    a.put("key", key);
    a.put("count", count);
    a.put("sum", sum);
    a.put("min", min);
    a.put("max", max);
    a.put("sumOfSquares", sumOfSquares);
    return a;
  }

  static GenericRecord record(Schema schema, GenericRecord... aggregates) {
    GenericData.Record r = new GenericData.Record(schema);
    r.put("schemaVersion", 1);
    r.put("shadowId", "shadow-shop-1");
    r.put("group", "shop");
    r.put("sequence", 1L);
    r.put("cutTime", 1_767_225_600_000L);
    r.put("table", "shop.order_lines");
    r.put("inserts", 2L);
    r.put("updates", 0L);
    r.put("deletes", 0L);
    r.put("snapshotReads", 0L);
    r.put("changedKeys", 2L);
    r.put("rowCount", 100L);
    r.put("bytesWritten", 2048L);
    r.put("aggregates", List.of(aggregates));
    return r;
  }

  /** The schema as released, before the aggregate's {@code key} and {@code sumOfSquares}. */
  static Schema withoutNewFields(Schema current) {
    Schema aggregate = current.getField("aggregates").schema().getElementType();
    List<Schema.Field> aggregateFields =
        aggregate.getFields().stream()
            .filter(f -> !f.name().equals("key") && !f.name().equals("sumOfSquares"))
            .map(f -> new Schema.Field(f, f.schema()))
            .toList();
    Schema oldAggregate =
        Schema.createRecord(
            aggregate.getName(),
            aggregate.getDoc(),
            aggregate.getNamespace(),
            false,
            aggregateFields);
    List<Schema.Field> fields =
        current.getFields().stream()
            .map(
                f ->
                    new Schema.Field(
                        f,
                        f.name().equals("aggregates")
                            ? Schema.createArray(oldAggregate)
                            : f.schema()))
            .toList();
    return Schema.createRecord(
        current.getName(), current.getDoc(), current.getNamespace(), false, fields);
  }
}

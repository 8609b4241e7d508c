package io.chronoshadow.prophet.output;

import io.chronoshadow.prophet.anomaly.AnomalyResult;
import io.chronoshadow.prophet.engine.ForecastPoint;
import io.chronoshadow.prophet.engine.ProphetEngine;
import io.chronoshadow.prophet.engine.SeriesStep;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Builds the records of {@code chrono.forecasts} and {@code chrono.anomalies}. */
public final class ProphetRecords {

  public static final int SCHEMA_VERSION = 1;

  private ProphetRecords() {}

  /** The forecast made at one step; the step must carry one (a warm series). */
  public static GenericRecord forecast(SeriesStep step) {
    Schema schema = ProphetSchemas.FORECAST;
    GenericData.Record r = new GenericData.Record(schema);
    r.put("schemaVersion", SCHEMA_VERSION);
    putSeries(r, step);
    r.put("model", step.model());
    r.put("intervalLevel", step.intervalLevel());
    Schema stepSchema = schema.getField("steps").schema().getElementType();
    Schema quantileSchema = stepSchema.getField("quantiles").schema().getElementType();
    List<GenericRecord> steps = new ArrayList<>(step.forecast().size());
    for (ForecastPoint p : step.forecast()) {
      GenericData.Record s = new GenericData.Record(stepSchema);
      s.put("stepsAhead", p.stepsAhead());
      s.put("time", p.time().toEpochMilli());
      s.put("point", p.point());
      s.put("lower", p.lower());
      s.put("upper", p.upper());
      List<GenericRecord> quantiles = new ArrayList<>(p.quantiles().length);
      for (int i = 0; i < p.quantiles().length; i++) {
        GenericData.Record q = new GenericData.Record(quantileSchema);
        q.put("probability", ProphetEngine.QUANTILES[i]);
        q.put("value", p.quantiles()[i]);
        quantiles.add(q);
      }
      s.put("quantiles", quantiles);
      steps.add(s);
    }
    r.put("steps", steps);
    return r;
  }

  /** The detector's verdict on one step. */
  public static GenericRecord anomaly(SeriesStep step) {
    Schema schema = ProphetSchemas.ANOMALY;
    AnomalyResult v = step.verdict();
    GenericData.Record r = new GenericData.Record(schema);
    r.put("schemaVersion", SCHEMA_VERSION);
    putSeries(r, step);
    r.put("observed", orNull(v.observed()));
    r.put("expected", orNull(v.expected()));
    r.put("lower", orNull(v.lower()));
    r.put("upper", orNull(v.upper()));
    r.put("score", orNull(v.score()));
    r.put(
        "severity",
        new GenericData.EnumSymbol(enumSchema(schema, "severity"), v.severity().name()));
    r.put("status", new GenericData.EnumSymbol(enumSchema(schema, "status"), v.status().name()));
    r.put("levelShiftAccepted", v.levelShiftAccepted());
    r.put("model", step.model());
    r.put("explanation", v.explanation());
    return r;
  }

  private static void putSeries(GenericData.Record r, SeriesStep step) {
    r.put("group", step.key().group());
    r.put("table", step.key().table());
    r.put("metric", step.key().metric());
    r.put("time", step.verdict().time().toEpochMilli());
    r.put("stepMillis", step.step().toMillis());
  }

  private static Schema enumSchema(Schema record, String field) {
    return record.getField(field).schema();
  }

  private static Double orNull(double v) {
    return Double.isNaN(v) ? null : v;
  }
}

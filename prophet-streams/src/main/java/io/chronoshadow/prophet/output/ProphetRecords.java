package io.chronoshadow.prophet.output;

import io.chronoshadow.prophet.anomaly.AnomalyResult;
import io.chronoshadow.prophet.engine.ForecastPoint;
import io.chronoshadow.prophet.engine.ProphetEngine;
import io.chronoshadow.prophet.engine.SeriesStep;
import io.chronoshadow.schemas.avro.Anomaly;
import io.chronoshadow.schemas.avro.DetectorStatus;
import io.chronoshadow.schemas.avro.Forecast;
import io.chronoshadow.schemas.avro.ForecastStep;
import io.chronoshadow.schemas.avro.Quantile;
import io.chronoshadow.schemas.avro.Severity;
import java.util.ArrayList;
import java.util.List;

/** Builds the records of {@code chrono.forecasts} and {@code chrono.anomalies}. */
public final class ProphetRecords {

  public static final int SCHEMA_VERSION = 1;

  private ProphetRecords() {}

  /** The forecast made at one step; the step must carry one (a warm series). */
  public static Forecast forecast(SeriesStep step) {
    List<ForecastStep> steps = new ArrayList<>(step.forecast().size());
    for (ForecastPoint p : step.forecast()) {
      List<Quantile> quantiles = new ArrayList<>(p.quantiles().length);
      for (int i = 0; i < p.quantiles().length; i++) {
        quantiles.add(new Quantile(ProphetEngine.QUANTILES[i], p.quantiles()[i]));
      }
      steps.add(
          ForecastStep.newBuilder()
              .setStepsAhead(p.stepsAhead())
              .setTime(p.time())
              .setPoint(p.point())
              .setLower(p.lower())
              .setUpper(p.upper())
              .setQuantiles(quantiles)
              .build());
    }
    return Forecast.newBuilder()
        .setSchemaVersion(SCHEMA_VERSION)
        .setGroup(step.key().group())
        .setTable(step.key().table())
        .setMetric(step.key().metric())
        .setTime(step.verdict().time())
        .setStepMillis(step.step().toMillis())
        .setModel(step.model())
        .setIntervalLevel(step.intervalLevel())
        .setSteps(steps)
        .build();
  }

  /** The detector's verdict on one step. */
  public static Anomaly anomaly(SeriesStep step) {
    AnomalyResult v = step.verdict();
    return Anomaly.newBuilder()
        .setSchemaVersion(SCHEMA_VERSION)
        .setGroup(step.key().group())
        .setTable(step.key().table())
        .setMetric(step.key().metric())
        .setTime(v.time())
        .setStepMillis(step.step().toMillis())
        .setObserved(orNull(v.observed()))
        .setExpected(orNull(v.expected()))
        .setLower(orNull(v.lower()))
        .setUpper(orNull(v.upper()))
        .setScore(orNull(v.score()))
        .setSeverity(Severity.valueOf(v.severity().name()))
        .setStatus(DetectorStatus.valueOf(v.status().name()))
        .setLevelShiftAccepted(v.levelShiftAccepted())
        .setModel(step.model())
        .setExplanation(v.explanation())
        .build();
  }

  private static Double orNull(double v) {
    return Double.isNaN(v) ? null : v;
  }
}

package io.chronoshadow.prophet.eval;

import io.chronoshadow.prophet.anomaly.AnomalyDetector;
import io.chronoshadow.prophet.anomaly.AnomalyResult;
import io.chronoshadow.prophet.anomaly.Coverage;
import io.chronoshadow.prophet.anomaly.DetectorConfig;
import io.chronoshadow.prophet.series.RegularSeries;

/** Runs a fresh detector over a labelled series and scores its alarms against the labels. */
public final class DetectionEvaluation {
  private DetectionEvaluation() {}

  /**
   * @param coverage how many scored steps fell inside the one-step 80% and 95% intervals (labelled
   *     anomalies included: the figure is what an operator would see)
   */
  public record Outcome(
      String series,
      String model,
      int warmupSteps,
      boolean[] alarms,
      DetectionScore score,
      Coverage coverage) {}

  public static Outcome evaluate(LabeledSeries s, DetectorConfig config, int delaySteps) {
    AnomalyDetector detector = new AnomalyDetector(config);
    RegularSeries r = s.series();
    boolean[] alarms = new boolean[r.size()];
    for (int t = 0; t < r.size(); t++) {
      AnomalyResult result = detector.observe(r.timeAt(t), r.value(t));
      alarms[t] = result.isAlarm();
    }
    String model = detector.forecaster().map(f -> f.spec().name()).orElse("(warming up)");
    return new Outcome(
        s.name(),
        model,
        config.warmupSteps(),
        alarms,
        DetectionMetrics.score(s.labels(), alarms, delaySteps),
        detector.totalCoverage());
  }
}

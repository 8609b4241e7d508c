package io.chronoshadow.prophet.engine;

import io.chronoshadow.prophet.anomaly.AnomalyDetector;
import io.chronoshadow.prophet.features.ColumnProfile;
import io.chronoshadow.prophet.features.SeriesKey;
import io.chronoshadow.prophet.series.MetricKind;
import io.chronoshadow.prophet.series.Resampler;
import java.time.Duration;

/**
 * The live parts of one series: its resampler, its detector, where its stored history starts, what
 * its column's shadows showed.
 */
final class SeriesRuntime {
  final SeriesKey key;
  final String displayName;
  final MetricKind kind;
  final Duration step;
  final Resampler resampler;
  final AnomalyDetector detector;
  long firstStoredStep;
  int storedSteps;
  boolean warm;
  ColumnProfile column = ColumnProfile.NONE;
  double samplingVariance;

  SeriesRuntime(
      SeriesKey key,
      String displayName,
      MetricKind kind,
      Duration step,
      Resampler resampler,
      AnomalyDetector detector) {
    this.key = key;
    this.displayName = displayName;
    this.kind = kind;
    this.step = step;
    this.resampler = resampler;
    this.detector = detector;
  }

  /** Time of the newest observation accepted (the table's last cut), or MIN before the first. */
  long lastObservation() {
    return resampler.state().started() ? resampler.state().mark() : Long.MIN_VALUE;
  }

  SeriesMeta meta() {
    return new SeriesMeta(
        key,
        displayName,
        resampler.state(),
        firstStoredStep,
        storedSteps,
        column,
        samplingVariance,
        detector.coverage());
  }
}

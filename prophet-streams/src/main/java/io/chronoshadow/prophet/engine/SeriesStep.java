package io.chronoshadow.prophet.engine;

import io.chronoshadow.prophet.anomaly.AnomalyResult;
import io.chronoshadow.prophet.features.SeriesKey;
import java.time.Duration;
import java.util.List;

/**
 * What the engine says after one completed analysis step of one series: the detector's verdict, the
 * model it came from (null while warming up) and the forecast from this step (empty while warming
 * up).
 */
public record SeriesStep(
    SeriesKey key,
    Duration step,
    AnomalyResult verdict,
    String model,
    double intervalLevel,
    List<ForecastPoint> forecast) {
  public SeriesStep {
    forecast = List.copyOf(forecast);
  }
}

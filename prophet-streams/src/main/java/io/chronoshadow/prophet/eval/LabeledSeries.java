package io.chronoshadow.prophet.eval;

import io.chronoshadow.prophet.series.RegularSeries;
import java.time.Duration;
import java.time.Instant;

/** A regular series with optional per-step anomaly labels, as the harness reads and writes it. */
public record LabeledSeries(String name, RegularSeries series, boolean[] labels) {
  public LabeledSeries {
    if (labels.length != series.size()) {
      throw new IllegalArgumentException("one label per step required");
    }
    labels = labels.clone();
  }

  public static LabeledSeries of(
      String name, Instant start, Duration step, double[] v, boolean[] l) {
    return new LabeledSeries(name, new RegularSeries(start, step, v), l);
  }

  public double[] values() {
    return series.toArray();
  }

  @Override
  public boolean[] labels() {
    return labels.clone();
  }

  public boolean hasLabels() {
    for (boolean l : labels) {
      if (l) {
        return true;
      }
    }
    return false;
  }
}

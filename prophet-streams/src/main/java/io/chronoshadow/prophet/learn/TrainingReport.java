package io.chronoshadow.prophet.learn;

import java.util.List;

/** What a training run did: samples, the loss after each epoch and each epoch's wall time. */
public record TrainingReport(int samples, List<Double> epochLosses, List<Long> epochNanos) {

  public TrainingReport {
    epochLosses = List.copyOf(epochLosses);
    epochNanos = List.copyOf(epochNanos);
  }

  public int epochs() {
    return epochLosses.size();
  }

  public double finalLoss() {
    return epochLosses.isEmpty() ? Double.NaN : epochLosses.get(epochLosses.size() - 1);
  }

  public double meanEpochMillis() {
    return epochNanos.stream().mapToLong(Long::longValue).average().orElse(Double.NaN) / 1e6;
  }
}

package io.chronoshadow.prophet.learn;

import java.time.Instant;
import java.util.List;

/**
 * The registry's record of one trained model version: what it is, what it was trained on, how its
 * backtest went against the statistical choice of each series, and which series it serves.
 *
 * @param trainedSteps steps of history (per series, the longest) before the backtest's first origin
 * @param servedSeries the series for which it beat the statistical model, and so serves
 * @param location key prefix of its files in the object store
 */
public record ModelVersion(
    String group,
    Architecture architecture,
    long version,
    Instant createdAt,
    String reason,
    String network,
    int trainedSteps,
    int epochs,
    double millisPerEpoch,
    List<LearnedBacktest.Result> backtests,
    List<String> servedSeries,
    String location) {

  public ModelVersion {
    backtests = List.copyOf(backtests);
    servedSeries = List.copyOf(servedSeries);
  }

  /** {@code shop/lstm/v3}: the registry key and the name in logs. */
  public String id() {
    return group + "/" + architecture.label() + "/v" + version;
  }

  public boolean serves(String seriesId) {
    return servedSeries.contains(seriesId);
  }
}

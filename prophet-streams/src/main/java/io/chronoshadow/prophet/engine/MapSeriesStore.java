package io.chronoshadow.prophet.engine;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/** A {@link SeriesStore} in memory: for tests and for building queries outside Kafka Streams. */
public final class MapSeriesStore implements SeriesStore {
  private final Map<String, byte[]> meta = new TreeMap<>();
  private final Map<String, TreeMap<Long, double[]>> steps = new TreeMap<>();

  @Override
  public synchronized void putMeta(String seriesId, byte[] value) {
    meta.put(seriesId, value.clone());
  }

  @Override
  public synchronized void putStep(
      String seriesId, long stepEndMillis, double value, double samplingVariance) {
    steps
        .computeIfAbsent(seriesId, s -> new TreeMap<>())
        .put(stepEndMillis, new double[] {value, samplingVariance});
  }

  @Override
  public synchronized void deleteStep(String seriesId, long stepEndMillis) {
    TreeMap<Long, double[]> series = steps.get(seriesId);
    if (series != null) {
      series.remove(stepEndMillis);
    }
  }

  @Override
  public synchronized void forEachMeta(BiConsumer<String, byte[]> action) {
    meta.forEach((k, v) -> action.accept(k, v.clone()));
  }

  @Override
  public synchronized void forEachStep(String seriesId, StepConsumer action) {
    steps.getOrDefault(seriesId, new TreeMap<>()).forEach((t, v) -> action.accept(t, v[0]));
  }

  @Override
  public synchronized void forEachStepWithVariance(String seriesId, StepVarianceConsumer action) {
    steps.getOrDefault(seriesId, new TreeMap<>()).forEach((t, v) -> action.accept(t, v[0], v[1]));
  }

  /** Steps stored for one series (for tests of the history bound). */
  public synchronized int stepCount(String seriesId) {
    return steps.getOrDefault(seriesId, new TreeMap<>()).size();
  }
}

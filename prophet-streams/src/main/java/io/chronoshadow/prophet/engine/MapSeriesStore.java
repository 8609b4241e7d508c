package io.chronoshadow.prophet.engine;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/** A {@link SeriesStore} in memory: for tests and for building queries outside Kafka Streams. */
public final class MapSeriesStore implements SeriesStore {
  private final Map<String, byte[]> meta = new TreeMap<>();
  private final Map<String, TreeMap<Long, Double>> steps = new TreeMap<>();

  @Override
  public synchronized void putMeta(String seriesId, byte[] value) {
    meta.put(seriesId, value.clone());
  }

  @Override
  public synchronized void putStep(String seriesId, long stepEndMillis, double value) {
    steps.computeIfAbsent(seriesId, s -> new TreeMap<>()).put(stepEndMillis, value);
  }

  @Override
  public synchronized void deleteStep(String seriesId, long stepEndMillis) {
    TreeMap<Long, Double> series = steps.get(seriesId);
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
    steps.getOrDefault(seriesId, new TreeMap<>()).forEach(action::accept);
  }

  /** Steps stored for one series (for tests of the history bound). */
  public synchronized int stepCount(String seriesId) {
    return steps.getOrDefault(seriesId, new TreeMap<>()).size();
  }
}

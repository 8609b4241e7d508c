package io.chronoshadow.prophet.engine;

import java.util.function.BiConsumer;

/**
 * Read access to what the engine keeps per series: its metadata and its resampled history (one
 * value per analysis step, NaN for a missing step, oldest first). The topology's state stores
 * implement it for interactive queries; tests use {@link MapSeriesStore}.
 */
public interface SeriesHistory {

  /** Every series' encoded {@link SeriesMeta}, by series id. */
  void forEachMeta(BiConsumer<String, byte[]> action);

  /** The stored steps of one series in time order. */
  void forEachStep(String seriesId, StepConsumer action);

  /** The stored steps of one series in time order, each with its value's sampling variance. */
  default void forEachStepWithVariance(String seriesId, StepVarianceConsumer action) {
    forEachStep(seriesId, (time, value) -> action.accept(time, value, 0));
  }

  /** Receives one stored step and its value's sampling variance (0 when exact). */
  @FunctionalInterface
  interface StepVarianceConsumer {
    void accept(long stepEndMillis, double value, double samplingVariance);
  }

  /** Receives one stored step. */
  @FunctionalInterface
  interface StepConsumer {
    void accept(long stepEndMillis, double value);
  }
}

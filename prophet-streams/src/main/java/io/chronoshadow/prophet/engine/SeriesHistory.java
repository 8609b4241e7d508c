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

  /** Receives one stored step. */
  @FunctionalInterface
  interface StepConsumer {
    void accept(long stepEndMillis, double value);
  }
}

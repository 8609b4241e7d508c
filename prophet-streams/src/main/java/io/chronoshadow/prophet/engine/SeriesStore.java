package io.chronoshadow.prophet.engine;

/** {@link SeriesHistory} plus the writes the engine makes as steps complete. */
public interface SeriesStore extends SeriesHistory {

  void putMeta(String seriesId, byte[] meta);

  void putStep(String seriesId, long stepEndMillis, double value);

  void deleteStep(String seriesId, long stepEndMillis);
}

package io.chronoshadow.prophet.engine;

/** {@link SeriesHistory} plus the writes the engine makes as steps complete. */
public interface SeriesStore extends SeriesHistory {

  void putMeta(String seriesId, byte[] meta);

  /** A step whose value is exact (see the four-argument form). */
  default void putStep(String seriesId, long stepEndMillis, double value) {
    putStep(seriesId, stepEndMillis, value, 0);
  }

  /**
   * A step with the sampling variance of its value (the squared standard error of a mean over few
   * rows, 0 when exact), so that a rebuilt detector scores it as the live one did.
   */
  void putStep(String seriesId, long stepEndMillis, double value, double samplingVariance);

  void deleteStep(String seriesId, long stepEndMillis);
}

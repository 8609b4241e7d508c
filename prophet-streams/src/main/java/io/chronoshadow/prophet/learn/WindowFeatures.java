package io.chronoshadow.prophet.learn;

/**
 * Turns windows of a series into the network's input features. Per step: the value scaled by the
 * window's own {@link SeriesScaler}, the season phase as sine and cosine (zeros without a season),
 * and the step's position in the window (−1 oldest … 0 newest; attention has no sense of order
 * without it). The same code builds training samples and live inputs, so the two cannot disagree.
 */
final class WindowFeatures {

  private WindowFeatures() {}

  /**
   * Writes the window ending just before {@code end} (exclusive) into {@code out} at {@code
   * offset}; returns its scaler, or null (and nothing useful written) if the window is incomplete
   * or has a missing value.
   */
  static SeriesScaler write(
      double[] values, int end, long firstStep, int period, int window, float[] out, int offset) {
    int start = end - window;
    if (start < 0) {
      return null;
    }
    for (int i = start; i < end; i++) {
      if (!Double.isFinite(values[i])) {
        return null;
      }
    }
    SeriesScaler scaler = SeriesScaler.fit(values, start, end);
    int o = offset;
    for (int i = start; i < end; i++) {
      out[o++] = (float) scaler.scale(values[i]);
      if (period > 1) {
        double angle = 2 * Math.PI * Math.floorMod(firstStep + i, period) / period;
        out[o++] = (float) Math.sin(angle);
        out[o++] = (float) Math.cos(angle);
      } else {
        out[o++] = 0f;
        out[o++] = 0f;
      }
      out[o++] = (float) (i - end) / window;
    }
    return scaler;
  }
}

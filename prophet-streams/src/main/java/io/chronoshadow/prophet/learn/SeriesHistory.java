package io.chronoshadow.prophet.learn;

/**
 * One series as a learned model sees it: regular steps (NaN = missing), the absolute index of the
 * first step (so that season phases line up across series and over time) and its season length (1 =
 * none).
 */
public record SeriesHistory(String id, double[] values, long firstStep, int period) {

  public SeriesHistory {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("series id is required");
    }
    if (period < 1) {
      throw new IllegalArgumentException("period must be >= 1, was " + period);
    }
    values = values.clone();
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  int length() {
    return values.length;
  }

  double at(int i) {
    return values[i];
  }

  /** The first {@code n} steps. */
  public SeriesHistory prefix(int n) {
    return new SeriesHistory(id, java.util.Arrays.copyOf(values, n), firstStep, period);
  }
}

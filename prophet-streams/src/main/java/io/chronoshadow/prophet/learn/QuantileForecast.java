package io.chronoshadow.prophet.learn;

import java.util.Arrays;

/**
 * A learned forecast of one series: for each step ahead (1..horizon), one value per quantile level,
 * in the series' own units. Quantiles are sorted per step: separately trained outputs can cross
 * slightly, and a crossed interval would be nonsense to a reader.
 */
public record QuantileForecast(String seriesId, double[] levels, double[][] values) {

  public QuantileForecast {
    levels = levels.clone();
    double[][] sorted = new double[values.length][];
    for (int h = 0; h < values.length; h++) {
      sorted[h] = values[h].clone();
      Arrays.sort(sorted[h]);
    }
    values = sorted;
  }

  public int horizon() {
    return values.length;
  }

  /** The median {@code stepsAhead} steps ahead (1-based). */
  public double point(int stepsAhead) {
    return quantile(stepsAhead, 0.5);
  }

  /** The value at one of the model's quantile levels, {@code stepsAhead} steps ahead (1-based). */
  public double quantile(int stepsAhead, double level) {
    for (int q = 0; q < levels.length; q++) {
      if (levels[q] == level) {
        return values[stepsAhead - 1][q];
      }
    }
    throw new IllegalArgumentException(
        "level " + level + " is not one of the model's quantiles " + Arrays.toString(levels));
  }

  public double lowest(int stepsAhead) {
    return values[stepsAhead - 1][0];
  }

  public double highest(int stepsAhead) {
    return values[stepsAhead - 1][levels.length - 1];
  }

  @Override
  public double[] levels() {
    return levels.clone();
  }

  @Override
  public double[][] values() {
    double[][] copy = new double[values.length][];
    for (int h = 0; h < values.length; h++) {
      copy[h] = values[h].clone();
    }
    return copy;
  }
}

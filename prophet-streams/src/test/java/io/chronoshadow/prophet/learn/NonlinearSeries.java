package io.chronoshadow.prophet.learn;

import java.util.Random;

/**
 * A daily-seasonal series whose season is not a sum of sines a linear model could carry: activity
 * only in the "day" half (a squared half-sine), scaled by a slow multiplicative growth, plus noise.
 * Seasonal naive repeats yesterday's noise and misses the growth; a model of the shape does not.
 */
public final class NonlinearSeries {

  private NonlinearSeries() {}

  public static double[] generate(int length, int period, long seed) {
    Random random = new Random(seed);
    double[] y = new double[length];
    for (int t = 0; t < length; t++) {
      double day = Math.max(0, Math.sin(2 * Math.PI * t / period));
      double growth = 1 + 0.004 * t;
      y[t] = growth * (40 + 60 * day * day) + 4 * random.nextGaussian();
    }
    return y;
  }
}

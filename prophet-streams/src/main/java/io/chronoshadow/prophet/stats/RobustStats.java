package io.chronoshadow.prophet.stats;

import java.util.Arrays;

/** Order statistics used by models and detectors; NaN entries are ignored everywhere. */
public final class RobustStats {
  /** Scales a MAD to a standard deviation under normality. */
  public static final double MAD_TO_SD = 1.4826;

  private RobustStats() {}

  /** Median of the first {@code n} values; {@code scratch} (length >= n) is overwritten. */
  public static double median(double[] values, int n, double[] scratch) {
    int m = copyFinite(values, n, scratch);
    if (m == 0) {
      return Double.NaN;
    }
    Arrays.sort(scratch, 0, m);
    return (m % 2 == 1) ? scratch[m / 2] : 0.5 * (scratch[m / 2 - 1] + scratch[m / 2]);
  }

  public static double median(double[] values) {
    return median(values, values.length, new double[values.length]);
  }

  /** Median absolute deviation from the median of the first {@code n} values. */
  public static double mad(double[] values, int n, double[] scratch) {
    double med = median(values, n, scratch);
    if (Double.isNaN(med)) {
      return Double.NaN;
    }
    int m = 0;
    for (int i = 0; i < n; i++) {
      if (!Double.isNaN(values[i])) {
        scratch[m++] = Math.abs(values[i] - med);
      }
    }
    Arrays.sort(scratch, 0, m);
    return (m % 2 == 1) ? scratch[m / 2] : 0.5 * (scratch[m / 2 - 1] + scratch[m / 2]);
  }

  public static double mad(double[] values) {
    return mad(values, values.length, new double[values.length]);
  }

  /** Linear-interpolated quantile of an ascending array (type 7, as in R's default). */
  public static double quantileOfSorted(double[] sorted, int n, double p) {
    if (n == 0) {
      return Double.NaN;
    }
    double h = (n - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, n - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  public static double mean(double[] values, int from, int to) {
    double sum = 0;
    int n = 0;
    for (int i = from; i < to; i++) {
      if (!Double.isNaN(values[i])) {
        sum += values[i];
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  private static int copyFinite(double[] values, int n, double[] scratch) {
    int m = 0;
    for (int i = 0; i < n; i++) {
      if (!Double.isNaN(values[i])) {
        scratch[m++] = values[i];
      }
    }
    return m;
  }
}

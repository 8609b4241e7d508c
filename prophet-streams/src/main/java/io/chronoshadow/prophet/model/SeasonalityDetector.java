package io.chronoshadow.prophet.model;

import io.chronoshadow.prophet.stats.Autocorrelation;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.LongStream;

/**
 * Picks a season length from candidate periods by autocorrelation. For each candidate m the series
 * is first freed of its local level by subtracting a centred moving average over m steps (which
 * cancels a season of exactly m, so what remains is that season plus noise), then scored by the
 * prominence {@code ACF(m) − ACF(⌊m/2⌋)} of the remainder. The best candidate wins if its
 * prominence reaches {@code minProminence}; otherwise 1 (no season).
 *
 * <p>Why not the raw ACF peak: level shifts and drifts make the raw ACF high at every lag, and the
 * shortest candidate then looks seasonal; the moving average removes them. Why the half-season
 * comparison: a true season is anti-correlated (or at least less correlated) half a season away,
 * while for a multiple 2m of the true period ACF(2m) − ACF(m) ≈ 0, so multiples do not win. A
 * candidate needs at least three full seasons of history.
 */
public final class SeasonalityDetector {
  private final int[] candidates;
  private final double minProminence;

  public SeasonalityDetector(int[] candidates, double minProminence) {
    this.candidates = candidates.clone();
    this.minProminence = minProminence;
  }

  /** Common periods for minute/hour/day steps: 4 … 288 steps; prominence at least 0.3. */
  public static SeasonalityDetector defaults() {
    return new SeasonalityDetector(new int[] {4, 6, 7, 12, 24, 48, 60, 96, 144, 168, 288}, 0.3);
  }

  /**
   * The natural periods for a step length: an hour, a day and a week, in steps, where that is a
   * whole number between 2 and 1008 (e.g. 5-minute steps: 12 and 288; hourly: 24 and 168; daily:
   * 7). Falls back to {@link #defaults()} when none fits.
   */
  public static SeasonalityDetector forStep(Duration step) {
    long stepMillis = step.toMillis();
    int[] periods =
        LongStream.of(
                Duration.ofHours(1).toMillis(),
                Duration.ofDays(1).toMillis(),
                Duration.ofDays(7).toMillis())
            .filter(p -> stepMillis > 0 && p % stepMillis == 0)
            .map(p -> p / stepMillis)
            .filter(m -> m >= 2 && m <= 1008)
            .mapToInt(m -> (int) m)
            .toArray();
    return periods.length == 0 ? defaults() : new SeasonalityDetector(periods, 0.3);
  }

  public int[] candidates() {
    return candidates.clone();
  }

  public int maxCandidate() {
    int max = 1;
    for (int c : candidates) {
      max = Math.max(max, c);
    }
    return max;
  }

  public int detect(double[] history) {
    double[] y = carryForward(history);
    int best = 1;
    double bestProminence = minProminence;
    for (int period : candidates) {
      if (period < 2 || y.length < 3 * period) {
        continue;
      }
      double[] remainder = withoutLocalLevel(y, period);
      double prominence =
          Autocorrelation.at(remainder, period) - Autocorrelation.at(remainder, period / 2);
      if (prominence > bestProminence) {
        bestProminence = prominence;
        best = period;
      }
    }
    return best;
  }

  @Override
  public String toString() {
    return "SeasonalityDetector" + Arrays.toString(candidates);
  }

  /**
   * y minus its centred moving average over m steps (for even m the usual 2×m average: half weight
   * on the two end points); the edges where the window does not fit are dropped.
   */
  static double[] withoutLocalLevel(double[] y, int m) {
    int half = m / 2;
    double[] prefix = new double[y.length + 1];
    for (int t = 0; t < y.length; t++) {
      prefix[t + 1] = prefix[t] + y[t];
    }
    double[] out = new double[y.length - 2 * half];
    for (int t = half; t < y.length - half; t++) {
      double sum = prefix[t + half + 1] - prefix[t - half];
      if (m % 2 == 0) {
        sum -= 0.5 * (y[t - half] + y[t + half]);
      }
      out[t - half] = y[t] - sum / m;
    }
    double mean = 0;
    for (double v : out) {
      mean += v;
    }
    mean /= out.length;
    for (int i = 0; i < out.length; i++) {
      out[i] -= mean;
    }
    return out;
  }

  private static double[] carryForward(double[] history) {
    double[] y = history.clone();
    double last = Double.NaN;
    for (double v : y) {
      if (!Double.isNaN(v)) {
        last = v;
        break;
      }
    }
    for (int t = 0; t < y.length; t++) {
      if (Double.isNaN(y[t])) {
        y[t] = Double.isNaN(last) ? 0 : last;
      } else {
        last = y[t];
      }
    }
    return y;
  }
}

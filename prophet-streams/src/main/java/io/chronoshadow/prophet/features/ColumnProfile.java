package io.chronoshadow.prophet.features;

/**
 * What the shadows so far show of one numeric column, the evidence {@link SeriesRoles} judges a
 * column mean by: whether its values are whole, how they range, whether each shadow's values start
 * above where the previous shadow's ended (a sequence), and their pooled spread. Immutable; one
 * {@link #plus} per shadow that wrote values.
 *
 * @param shadows shadows that wrote values to the column
 * @param wholeShadows of them, those whose sum, min and max were whole numbers
 * @param comparisons shadows with a predecessor that wrote values
 * @param ascending of them, those whose smallest value was above the predecessor's largest
 * @param lastMax the largest value of the latest shadow (NaN before the first)
 * @param squaredShadows shadows that reported a sum of squares (older records do not)
 */
public record ColumnProfile(
    boolean key,
    int shadows,
    int wholeShadows,
    int comparisons,
    int ascending,
    double lastMax,
    double min,
    double max,
    long count,
    double sum,
    int squaredShadows,
    double sumOfSquares) {

  /** No shadow yet (also every series that is not a column mean). */
  public static final ColumnProfile NONE =
      new ColumnProfile(
          false,
          0,
          0,
          0,
          0,
          Double.NaN,
          Double.POSITIVE_INFINITY,
          Double.NEGATIVE_INFINITY,
          0,
          0,
          0,
          0);

  public ColumnProfile plus(ColumnFigures f) {
    boolean whole = whole(f.sum()) && whole(f.min()) && whole(f.max());
    boolean compared = shadows > 0;
    boolean squared = f.sumOfSquares() != null;
    return new ColumnProfile(
        f.key(),
        shadows + 1,
        wholeShadows + (whole ? 1 : 0),
        comparisons + (compared ? 1 : 0),
        ascending + (compared && f.min() > lastMax ? 1 : 0),
        f.max(),
        Math.min(min, f.min()),
        Math.max(max, f.max()),
        count + f.count(),
        sum + f.sum(),
        squaredShadows + (squared ? 1 : 0),
        sumOfSquares + (squared ? f.sumOfSquares() : 0));
  }

  /** Mean of every value written so far. */
  public double mean() {
    return count == 0 ? Double.NaN : sum / count;
  }

  /**
   * Standard deviation of every value written so far; NaN unless every shadow reported its sum of
   * squares.
   */
  public double standardDeviation() {
    if (count == 0 || squaredShadows != shadows) {
      return Double.NaN;
    }
    double m = mean();
    return Math.sqrt(Math.max(0, sumOfSquares / count - m * m));
  }

  public boolean allWhole() {
    return shadows > 0 && wholeShadows == shadows;
  }

  private static boolean whole(double v) {
    return v == Math.rint(v);
  }
}

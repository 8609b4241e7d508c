package io.chronoshadow.prophet.learn;

/**
 * Maps values into model units: {@code (y − center) / scale}, fitted on each input window alone
 * (its mean and standard deviation). The network then sees shapes, not magnitudes: one network
 * serves series of very different sizes (row counts in millions, change rates near zero), and a
 * series that has grown past everything seen in training (a trend) still arrives in familiar units.
 * Targets are expressed in the units of the window before them.
 */
record SeriesScaler(double center, double scale) {

  public SeriesScaler {
    if (!Double.isFinite(center) || !(scale > 0) || !Double.isFinite(scale)) {
      throw new IllegalArgumentException(
          "scaler needs a finite center and a positive scale, got " + center + ", " + scale);
    }
  }

  /**
   * Mean and standard deviation of the finite values in {@code [from, to)}. A flat series gets a
   * scale of 0.1% of its level (or 1 at zero), so that its first change is visible but not
   * astronomically large.
   */
  static SeriesScaler fit(double[] values, int from, int to) {
    double sum = 0;
    int n = 0;
    for (int i = from; i < to; i++) {
      double v = values[i];
      if (Double.isFinite(v)) {
        sum += v;
        n++;
      }
    }
    if (n == 0) {
      throw new IllegalArgumentException("cannot scale a series without finite values");
    }
    double mean = sum / n;
    double squares = 0;
    for (int i = from; i < to; i++) {
      double v = values[i];
      if (Double.isFinite(v)) {
        squares += (v - mean) * (v - mean);
      }
    }
    double sd = Math.sqrt(squares / n);
    double floor = Math.abs(mean) > 0 ? 1e-3 * Math.abs(mean) : 1.0;
    return new SeriesScaler(mean, Math.max(sd, floor));
  }

  double scale(double value) {
    return (value - center) / scale;
  }

  double unscale(double value) {
    return value * scale + center;
  }
}

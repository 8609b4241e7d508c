package io.chronoshadow.prophet.model;

/**
 * Level, trend, seasonal ring and running error scale: the O(1) recursion shared by fitting and
 * live updates, so that what is fitted is exactly what runs.
 */
final class HoltWintersState {
  /** Weight of the newest squared error in the running variance (memory ≈ 100 steps). */
  static final double VARIANCE_DECAY = 0.01;

  double level;
  double trend;
  final double[] season;
  int seasonIndex;
  double variance;

  HoltWintersState(double level, double trend, double[] season, double variance) {
    this.level = level;
    this.trend = trend;
    this.season = season;
    this.variance = variance;
  }

  HoltWintersState copy() {
    HoltWintersState c = new HoltWintersState(level, trend, season.clone(), variance);
    c.seasonIndex = seasonIndex;
    return c;
  }

  double seasonal(int stepsAhead) {
    return season.length == 0 ? 0 : season[(seasonIndex + stepsAhead - 1) % season.length];
  }

  double oneStepForecast(HoltWintersParams p) {
    return level + p.phi() * trend + seasonal(1);
  }

  /**
   * Applies one observation and returns its raw one-step error (NaN if missing). In robust mode the
   * error that moves the state (and the running variance) is clipped to ±k·σ, so a single outlier
   * shifts the level by at most α·k·σ.
   */
  double step(double observed, HoltWintersParams p, boolean robust, double huberK) {
    double forecast = oneStepForecast(p);
    double error = observed - forecast;
    double used;
    if (Double.isNaN(error)) {
      used = 0;
    } else {
      used = error;
      if (robust) {
        double bound = huberK * Math.sqrt(variance);
        used = Math.max(-bound, Math.min(bound, error));
      }
      variance += VARIANCE_DECAY * (used * used - variance);
    }
    double previousTrend = trend;
    level = level + p.phi() * previousTrend + p.alpha() * used;
    trend = p.phi() * previousTrend + p.beta() * used;
    if (season.length > 0) {
      season[seasonIndex] += p.gamma() * used;
      seasonIndex = (seasonIndex + 1) % season.length;
    }
    return error;
  }
}

package io.chronoshadow.prophet.model;

import java.util.Arrays;

/**
 * Seasonal naive: ŷ_{T+h} = y_{T+h-km} with k = ⌈h/m⌉. The k-season-ahead error is a sum of k
 * seasonal differences, so the empirical difference quantiles are widened by √k (exact if the
 * differences are independent).
 */
public final class SeasonalNaive implements Forecaster {
  private final SeasonalNaiveSpec spec;
  private final double[] lastSeason;
  private int oldest;
  private int seen;
  private final double[] differences;
  private int differenceCount;
  private int nextDifference;
  private double[] sortedDifferences;

  SeasonalNaive(SeasonalNaiveSpec spec) {
    this.spec = spec;
    this.lastSeason = new double[spec.period()];
    Arrays.fill(lastSeason, Double.NaN);
    this.differences = new double[spec.errorWindow()];
  }

  private SeasonalNaive(SeasonalNaive other) {
    this.spec = other.spec;
    this.lastSeason = other.lastSeason.clone();
    this.oldest = other.oldest;
    this.seen = other.seen;
    this.differences = other.differences.clone();
    this.differenceCount = other.differenceCount;
    this.nextDifference = other.nextDifference;
  }

  @Override
  public ModelSpec spec() {
    return spec;
  }

  @Override
  public int period() {
    return spec.period();
  }

  @Override
  public void update(double observed) {
    double seasonAgo = lastSeason[oldest];
    double value = observed;
    if (Double.isNaN(value)) {
      value = seasonAgo;
    } else if (!Double.isNaN(seasonAgo)) {
      differences[nextDifference] = value - seasonAgo;
      nextDifference = (nextDifference + 1) % differences.length;
      differenceCount = Math.min(differenceCount + 1, differences.length);
      sortedDifferences = null;
    }
    lastSeason[oldest] = value;
    oldest = (oldest + 1) % lastSeason.length;
    seen++;
  }

  @Override
  public PredictiveDistribution forecast(int horizon) {
    if (horizon < 1) {
      throw new IllegalArgumentException("horizon must be >= 1");
    }
    int m = lastSeason.length;
    double point = lastSeason[(oldest + (horizon - 1) % m) % m];
    int seasonsAhead = (horizon - 1) / m + 1;
    return new EmpiricalForecast(point, sorted(), Math.sqrt(seasonsAhead));
  }

  private double[] sorted() {
    if (sortedDifferences == null) {
      sortedDifferences = Arrays.copyOf(differences, differenceCount);
      Arrays.sort(sortedDifferences);
    }
    return sortedDifferences;
  }

  @Override
  public double innovationSd() {
    if (differenceCount < 2) {
      return Double.NaN;
    }
    double mean = 0;
    for (int i = 0; i < differenceCount; i++) {
      mean += differences[i];
    }
    mean /= differenceCount;
    double ss = 0;
    for (int i = 0; i < differenceCount; i++) {
      ss += (differences[i] - mean) * (differences[i] - mean);
    }
    return Math.sqrt(ss / (differenceCount - 1));
  }

  @Override
  public double psiWeight(int j) {
    // y_t = y_{t-m} + ε_t: an innovation persists in every later step of its season phase.
    return j % lastSeason.length == 0 ? 1 : 0;
  }

  @Override
  public void shiftLevel(double delta) {
    for (int i = 0; i < lastSeason.length; i++) {
      lastSeason[i] += delta;
    }
  }

  @Override
  public Forecaster copy() {
    return new SeasonalNaive(this);
  }
}

package io.chronoshadow.prophet.model;

/** A central prediction interval. */
public record Interval(double lower, double upper) {
  public double halfWidth() {
    return 0.5 * (upper - lower);
  }

  public boolean contains(double value) {
    return value >= lower && value <= upper;
  }
}

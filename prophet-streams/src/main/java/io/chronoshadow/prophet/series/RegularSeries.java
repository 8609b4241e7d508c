package io.chronoshadow.prophet.series;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A regular time series: value {@code i} belongs to time {@code start + i * step} (the end of its
 * analysis step). Missing steps hold NaN. Immutable; the values are copied in and out.
 */
public final class RegularSeries {
  private final Instant start;
  private final Duration step;
  private final double[] values;

  public RegularSeries(Instant start, Duration step, double[] values) {
    this.start = Objects.requireNonNull(start, "start");
    this.step = Objects.requireNonNull(step, "step");
    if (step.isNegative() || step.isZero()) {
      throw new IllegalArgumentException("step must be positive, was " + step);
    }
    this.values = values.clone();
  }

  /** Builds a series from consecutive resampled points (as emitted by a {@link Resampler}). */
  public static RegularSeries fromPoints(List<ResampledPoint> points, Duration step) {
    if (points.isEmpty()) {
      throw new IllegalArgumentException("no points");
    }
    double[] values = new double[points.size()];
    Instant first = points.get(0).time();
    for (int i = 0; i < values.length; i++) {
      ResampledPoint p = points.get(i);
      if (!p.time().equals(first.plus(step.multipliedBy(i)))) {
        throw new IllegalArgumentException("points are not consecutive steps at " + p.time());
      }
      values[i] = p.value();
    }
    return new RegularSeries(first, step, values);
  }

  public Instant start() {
    return start;
  }

  public Duration step() {
    return step;
  }

  public int size() {
    return values.length;
  }

  public double value(int index) {
    return values[index];
  }

  public Instant timeAt(int index) {
    return start.plus(step.multipliedBy(index));
  }

  public double[] toArray() {
    return values.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RegularSeries other
        && start.equals(other.start)
        && step.equals(other.step)
        && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(start, step, Arrays.hashCode(values));
  }

  @Override
  public String toString() {
    return "RegularSeries[start="
        + start
        + ", step="
        + step
        + ", values="
        + Arrays.toString(values)
        + "]";
  }
}

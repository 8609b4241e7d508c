package io.chronoshadow.prophet.series;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns irregular observations of one metric into regular analysis steps, incrementally.
 *
 * <p>The step grid is anchored at {@code origin}: step {@code i} is the right-closed interval
 * {@code (origin + i*step, origin + (i+1)*step]} and is labelled by its end. Observations must
 * arrive in time order; an observation older than the newest one seen is dropped and counted
 * ({@link #droppedLate()}), because accepting it would rewrite steps that were already emitted.
 * Emission is deterministic: it depends only on the observations (and watermarks) fed in, never on
 * the wall clock. How a step's value is computed and how gaps are bounded depends on the {@link
 * MetricKind}; see {@link LevelResampler} and {@link RateResampler}.
 */
public abstract sealed class Resampler permits LevelResampler, RateResampler {
  protected final long originMillis;
  protected final long stepMillis;
  protected final int maxCarrySteps;
  private long droppedLate;

  protected Resampler(Instant origin, Duration step, int maxCarrySteps) {
    Objects.requireNonNull(origin, "origin");
    this.stepMillis = step.toMillis();
    if (stepMillis <= 0) {
      throw new IllegalArgumentException("step must be at least 1 ms, was " + step);
    }
    if (maxCarrySteps < 0) {
      throw new IllegalArgumentException("maxCarrySteps must be >= 0, was " + maxCarrySteps);
    }
    this.originMillis = origin.toEpochMilli();
    this.maxCarrySteps = maxCarrySteps;
  }

  /**
   * A resampler for {@code kind} on the grid {@code origin + k*step}.
   *
   * @param maxCarrySteps how far a value may reach across steps without a new observation (see the
   *     implementing classes for the exact rule per kind)
   */
  public static Resampler of(MetricKind kind, Instant origin, Duration step, int maxCarrySteps) {
    return switch (kind) {
      case LEVEL -> new LevelResampler(origin, step, maxCarrySteps);
      case RATE -> new RateResampler(origin, step, maxCarrySteps);
    };
  }

  /** A resampler whose grid is aligned to the UTC epoch (e.g. every hour on the hour). */
  public static Resampler epochAligned(MetricKind kind, Duration step, int maxCarrySteps) {
    return of(kind, Instant.EPOCH, step, maxCarrySteps);
  }

  /**
   * Resamples a whole batch of time-ordered observations. Only completed steps are returned: the
   * step holding the last observation may still change, so it is not part of the result.
   */
  public static RegularSeries resample(
      MetricKind kind,
      List<Observation> observations,
      Instant origin,
      Duration step,
      int maxCarrySteps) {
    Resampler resampler = of(kind, origin, step, maxCarrySteps);
    List<ResampledPoint> points = new ArrayList<>();
    for (Observation o : observations) {
      points.addAll(resampler.append(o.time(), o.value()));
    }
    return RegularSeries.fromPoints(points, step);
  }

  /** Feeds one observation; returns the steps it completed (possibly none), oldest first. */
  public final List<ResampledPoint> append(Instant time, double value) {
    long t = time.toEpochMilli();
    if (isLate(t)) {
      droppedLate++;
      return List.of();
    }
    List<ResampledPoint> out = new ArrayList<>(1);
    accept(t, value, out);
    return out;
  }

  /**
   * Declares that no future observation will have a time at or before {@code watermark} (e.g. a
   * heartbeat from an idle source), so steps that can no longer change are emitted.
   */
  public final List<ResampledPoint> advanceTo(Instant watermark) {
    List<ResampledPoint> out = new ArrayList<>(1);
    advance(watermark.toEpochMilli(), out);
    return out;
  }

  /** A copy of this resampler's whole state; {@link #restore} continues from it exactly. */
  public final ResamplerState state() {
    return snapshot(droppedLate);
  }

  /** A resampler in exactly the state {@code state} was taken in. */
  public static Resampler restore(ResamplerState state) {
    Instant origin = Instant.ofEpochMilli(state.originMillis());
    Duration step = Duration.ofMillis(state.stepMillis());
    Resampler r = of(state.kind(), origin, step, state.maxCarrySteps());
    r.droppedLate = state.droppedLate();
    r.resume(state);
    return r;
  }

  /** Observations dropped because they were older than one already accepted. */
  public final long droppedLate() {
    return droppedLate;
  }

  protected abstract boolean isLate(long timeMillis);

  protected abstract void accept(long timeMillis, double value, List<ResampledPoint> out);

  protected abstract void advance(long watermarkMillis, List<ResampledPoint> out);

  protected abstract ResamplerState snapshot(long droppedLate);

  protected abstract void resume(ResamplerState state);

  /** The index of the step whose right-closed interval contains {@code t}. */
  protected final long stepContaining(long t) {
    return Math.floorDiv(t - originMillis - 1, stepMillis);
  }

  protected final long stepEnd(long index) {
    return originMillis + (index + 1) * stepMillis;
  }

  protected final ResampledPoint point(long index, double value) {
    return new ResampledPoint(Instant.ofEpochMilli(stepEnd(index)), value);
  }
}

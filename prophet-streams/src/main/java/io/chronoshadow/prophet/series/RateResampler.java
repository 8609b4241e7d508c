package io.chronoshadow.prophet.series;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Resampling for rate metrics (changes per second): an observation {@code (t, r)} reports the mean
 * rate over the interval since the previous observation, {@code (t_prev, t]} (that is what a
 * shadow's statistics measure: its changes divided by its own duration). A step's value is the
 * <b>time-weighted average</b> of the rates over the parts of the step that reported intervals
 * cover: {@code sum(r_k * overlap_k) / sum(overlap_k)}. Uneven spacing is therefore handled
 * exactly: a long shadow contributes to every step it overlaps, in proportion to the overlap.
 *
 * <p>Gaps: an interval longer than {@code (maxCarrySteps + 1) * step} is not trusted (its rate is
 * not spread over that long a stretch); the steps it spans are covered only by their other
 * intervals, and a step that no trusted interval covers is missing (NaN). The first observation has
 * no previous one, so it only anchors the first interval. Equal timestamps form an empty interval
 * and contribute nothing.
 *
 * <p>Step {@code i} is emitted once an observation at or after its end arrives, or once a watermark
 * at or after its end is declared and enough time has passed since the last observation that no
 * future interval could be trusted back to it.
 */
public final class RateResampler extends Resampler {
  private boolean started;
  private long prevTime;
  private long openStep;
  private double openWeightedSum;
  private long openCoveredMillis;

  RateResampler(Instant origin, Duration step, int maxCarrySteps) {
    super(origin, step, maxCarrySteps);
  }

  @Override
  protected boolean isLate(long t) {
    return started && t < prevTime;
  }

  @Override
  protected void accept(long t, double rate, List<ResampledPoint> out) {
    if (!started) {
      started = true;
      prevTime = t;
      openStep = Math.floorDiv(t - originMillis, stepMillis);
      return;
    }
    boolean trusted = t - prevTime <= (maxCarrySteps + 1L) * stepMillis;
    cover(prevTime, t, trusted ? rate : Double.NaN, out);
    prevTime = t;
  }

  @Override
  protected void advance(long watermark, List<ResampledPoint> out) {
    if (!started || watermark - prevTime < (maxCarrySteps + 1L) * stepMillis) {
      return;
    }
    // Nothing arriving later can be trusted back to prevTime: what is open is final.
    while (stepEnd(openStep) <= watermark) {
      closeOpenStep(out);
    }
  }

  @Override
  protected ResamplerState snapshot(long droppedLate) {
    return new ResamplerState(
        MetricKind.RATE,
        originMillis,
        stepMillis,
        maxCarrySteps,
        started,
        prevTime,
        openStep,
        openWeightedSum,
        openCoveredMillis,
        droppedLate);
  }

  @Override
  protected void resume(ResamplerState s) {
    started = s.started();
    prevTime = s.mark();
    openStep = s.next();
    openWeightedSum = s.value();
    openCoveredMillis = s.covered();
  }

  /** Spreads {@code rate} (NaN = uncovered) over {@code (from, to]}, closing steps it passes. */
  private void cover(long from, long to, double rate, List<ResampledPoint> out) {
    long a = from;
    while (a < to) {
      long end = stepEnd(openStep);
      long segmentEnd = Math.min(end, to);
      if (!Double.isNaN(rate)) {
        openWeightedSum += rate * (segmentEnd - a);
        openCoveredMillis += segmentEnd - a;
      }
      a = segmentEnd;
      if (segmentEnd == end) {
        closeOpenStep(out);
      }
    }
  }

  private void closeOpenStep(List<ResampledPoint> out) {
    double value = openCoveredMillis > 0 ? openWeightedSum / openCoveredMillis : Double.NaN;
    out.add(point(openStep, value));
    openStep++;
    openWeightedSum = 0;
    openCoveredMillis = 0;
  }
}

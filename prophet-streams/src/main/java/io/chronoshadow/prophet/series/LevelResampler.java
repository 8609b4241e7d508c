package io.chronoshadow.prophet.series;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Resampling for level metrics (row counts, column sums): a step's value is the <b>last observation
 * at or before the step's end</b>, carried forward for at most {@code maxCarrySteps} steps.
 * Precisely, an observation made during step {@code j} (its time in {@code (end(j-1), end(j)]})
 * provides the value of steps {@code j .. j + maxCarrySteps}, until a newer observation replaces
 * it; later steps are missing (NaN) until the next observation. With {@code maxCarrySteps = 0} only
 * steps that contain an observation have a value. Several observations in one step: the last one
 * wins (equal timestamps: the one appended last).
 *
 * <p>Step {@code i} is emitted once an observation later than its end arrives (an observation
 * exactly at the end still belongs to it), or once a watermark at or after its end is declared. The
 * first emitted step is the one containing the first observation.
 */
public final class LevelResampler extends Resampler {
  private boolean started;
  private long nextStep;
  private long lastTime;
  private double lastValue;

  LevelResampler(Instant origin, Duration step, int maxCarrySteps) {
    super(origin, step, maxCarrySteps);
  }

  @Override
  protected boolean isLate(long t) {
    return started && t < lastTime;
  }

  @Override
  protected void accept(long t, double value, List<ResampledPoint> out) {
    if (!started) {
      started = true;
      nextStep = stepContaining(t);
    } else {
      emitWhile(end -> end < t, out);
    }
    lastTime = t;
    lastValue = value;
  }

  @Override
  protected void advance(long watermark, List<ResampledPoint> out) {
    if (started) {
      emitWhile(end -> end <= watermark, out);
    }
  }

  @Override
  protected ResamplerState snapshot(long droppedLate) {
    return new ResamplerState(
        MetricKind.LEVEL,
        originMillis,
        stepMillis,
        maxCarrySteps,
        started,
        lastTime,
        nextStep,
        lastValue,
        0,
        droppedLate);
  }

  @Override
  protected void resume(ResamplerState s) {
    started = s.started();
    lastTime = s.mark();
    nextStep = s.next();
    lastValue = s.value();
  }

  private void emitWhile(java.util.function.LongPredicate complete, List<ResampledPoint> out) {
    long observedIn = stepContaining(lastTime);
    while (complete.test(stepEnd(nextStep))) {
      boolean fresh = nextStep - observedIn <= maxCarrySteps;
      out.add(point(nextStep, fresh ? lastValue : Double.NaN));
      nextStep++;
    }
  }
}

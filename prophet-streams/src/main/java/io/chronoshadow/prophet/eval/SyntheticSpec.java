package io.chronoshadow.prophet.eval;

import java.time.Duration;

/**
 * A synthetic series: {@code level + trend·t + amplitude·sin(2πt/period) + N(0, noiseSd²)}, plus
 * injected anomalies after {@code quietPrefix} steps (so none fall into a detector's warm-up).
 * Spikes and dips move one step by ±{@code magnitude}·noiseSd and are labelled on that step; a
 * level shift moves every later step and is labelled on its first step only (the start is the event
 * to detect; afterwards the shifted level is the new normal).
 *
 * @param magnitudeMin smallest anomaly size in noise sds (drawn uniformly up to magnitudeMax)
 */
public record SyntheticSpec(
    String name,
    int length,
    Duration step,
    double level,
    double trendPerStep,
    int period,
    double amplitude,
    double noiseSd,
    int spikes,
    int dips,
    int levelShifts,
    double magnitudeMin,
    double magnitudeMax,
    int quietPrefix) {

  public SyntheticSpec withoutAnomalies(String newName) {
    return new SyntheticSpec(
        newName,
        length,
        step,
        level,
        trendPerStep,
        period,
        amplitude,
        noiseSd,
        0,
        0,
        0,
        magnitudeMin,
        magnitudeMax,
        quietPrefix);
  }

  public SyntheticSpec withLength(int newLength) {
    return new SyntheticSpec(
        name,
        newLength,
        step,
        level,
        trendPerStep,
        period,
        amplitude,
        noiseSd,
        spikes,
        dips,
        levelShifts,
        magnitudeMin,
        magnitudeMax,
        quietPrefix);
  }
}

package io.chronoshadow.prophet.series;

/**
 * Everything a {@link Resampler} remembers between observations, as plain data, so that a stream
 * processor can store it and resume exactly where it stopped ({@link Resampler#restore}).
 *
 * @param mark LEVEL: time of the last observation; RATE: time of the previous observation
 * @param next LEVEL: index of the next step to emit; RATE: index of the open step
 * @param value LEVEL: the last observed value; RATE: Σ rate × covered millis of the open step
 * @param covered RATE: millis of the open step covered by trusted intervals; LEVEL: 0
 */
public record ResamplerState(
    MetricKind kind,
    long originMillis,
    long stepMillis,
    int maxCarrySteps,
    boolean started,
    long mark,
    long next,
    double value,
    long covered,
    long droppedLate) {}

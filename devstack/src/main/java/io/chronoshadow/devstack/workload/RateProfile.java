package io.chronoshadow.devstack.workload;

import java.time.Duration;

/**
 * Target transaction rate as a pure function of virtual time (time since the workload started).
 *
 * <p>A compressed day: the rate follows a raised cosine from a trough at "midnight" (phase 0) to a
 * peak at "noon" (phase ½), with {@code peak / trough = peakToTroughRatio} and the day's mean equal
 * to the base rate. On top of that, time is cut into burst slots; a slot is a burst with the
 * configured probability, decided by hashing (seed, slot) so that bursts are reproducible and
 * independent of how often or in which order the profile is queried.
 */
public final class RateProfile {

  private static final long BURST_STREAM = 0x4255525354L;

  private final double troughRate;
  private final double peakRate;
  private final long dayNanos;
  private final long seed;
  private final double burstProbability;
  private final long burstSlotNanos;
  private final double burstMultiplier;

  public RateProfile(
      double meanRatePerSecond,
      double peakToTroughRatio,
      Duration dayLength,
      long seed,
      double burstProbability,
      Duration burstLength,
      double burstMultiplier) {
    if (!(meanRatePerSecond > 0) || !(peakToTroughRatio >= 1) || !(burstMultiplier >= 1)) {
      throw new IllegalArgumentException(
          "need meanRate > 0, peakToTroughRatio >= 1, burstMultiplier >= 1");
    }
    if (!(burstProbability >= 0 && burstProbability <= 1)) {
      throw new IllegalArgumentException("burstProbability must be within [0, 1]");
    }
    if (dayLength.isNegative()
        || dayLength.isZero()
        || burstLength.isNegative()
        || burstLength.isZero()) {
      throw new IllegalArgumentException("dayLength and burstLength must be positive");
    }
    // mean of the raised cosine is (trough + peak) / 2, so that is what we pin to the base rate
    this.troughRate = 2.0 * meanRatePerSecond / (1.0 + peakToTroughRatio);
    this.peakRate = troughRate * peakToTroughRatio;
    this.dayNanos = dayLength.toNanos();
    this.seed = seed;
    this.burstProbability = burstProbability;
    this.burstSlotNanos = burstLength.toNanos();
    this.burstMultiplier = burstMultiplier;
  }

  public static RateProfile of(WorkloadConfig config) {
    return new RateProfile(
        config.baseRatePerSecond(),
        config.peakToTroughRatio(),
        config.dayLength(),
        config.seed(),
        config.burstProbability(),
        config.burstLength(),
        config.burstMultiplier());
  }

  /** Target transactions per second at the given virtual time; always > 0. */
  public double ratePerSecond(Duration sinceStart) {
    return dailyRatePerSecond(sinceStart) * burstFactor(sinceStart);
  }

  /** The daily-cycle rate alone, without bursts. */
  public double dailyRatePerSecond(Duration sinceStart) {
    long t = nanos(sinceStart);
    double phase = (double) (t % dayNanos) / dayNanos;
    double height = (1.0 - StrictMath.cos(2.0 * StrictMath.PI * phase)) / 2.0;
    return troughRate + (peakRate - troughRate) * height;
  }

  public boolean inBurst(Duration sinceStart) {
    long slot = nanos(sinceStart) / burstSlotNanos;
    return DeterministicRandom.forCoordinates(seed, BURST_STREAM, slot).nextDouble()
        < burstProbability;
  }

  public double burstFactor(Duration sinceStart) {
    return inBurst(sinceStart) ? burstMultiplier : 1.0;
  }

  /** Rate at midnight of the virtual day. */
  public double troughRatePerSecond() {
    return troughRate;
  }

  /** Rate at noon of the virtual day. */
  public double peakRatePerSecond() {
    return peakRate;
  }

  public Duration dayLength() {
    return Duration.ofNanos(dayNanos);
  }

  private static long nanos(Duration sinceStart) {
    if (sinceStart.isNegative()) {
      throw new IllegalArgumentException("virtual time must not be negative, was " + sinceStart);
    }
    return sinceStart.toNanos();
  }
}

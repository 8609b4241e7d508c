package io.chronoshadow.devstack.workload;

/**
 * SplitMix64 generator. We use our own instead of {@link java.util.Random} or {@link
 * java.util.SplittableRandom} so that the sequence a seed produces is fixed by this file, not by
 * the JDK that happens to run the workload: reproducibility across machines is the point.
 */
final class DeterministicRandom {

  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private long state;

  DeterministicRandom(long seed) {
    this.state = seed;
  }

  /** A generator for one (seed, stream, index) coordinate, independent of every other one. */
  static DeterministicRandom forCoordinates(long seed, long stream, long index) {
    return new DeterministicRandom(mix(seed, stream, index));
  }

  /** Hashes the parts into one well-spread 64-bit value. */
  static long mix(long... parts) {
    long h = GOLDEN_GAMMA;
    for (long part : parts) {
      h = scramble(h ^ scramble(part + GOLDEN_GAMMA));
    }
    return h;
  }

  private static long scramble(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  long nextLong() {
    state += GOLDEN_GAMMA;
    return scramble(state);
  }

  /** Uniform in [0, bound). The modulo bias is below 2^-40 for the bounds we use. */
  int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive, was " + bound);
    }
    return (int) Long.remainderUnsigned(nextLong(), bound);
  }

  /** Uniform in [lowInclusive, highInclusive]. */
  int nextInt(int lowInclusive, int highInclusive) {
    return lowInclusive + nextInt(highInclusive - lowInclusive + 1);
  }

  /** Uniform in [0, 1). */
  double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  boolean chance(double probability) {
    return nextDouble() < probability;
  }

  /** An exponentially distributed gap with the given mean, for Poisson arrivals. */
  double nextExponential(double mean) {
    return -mean * StrictMath.log(1.0 - nextDouble());
  }
}

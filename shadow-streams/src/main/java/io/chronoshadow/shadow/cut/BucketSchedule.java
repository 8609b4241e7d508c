package io.chronoshadow.shadow.cut;

import io.chronoshadow.shadow.policy.AdaptiveBucketPolicy;
import io.chronoshadow.shadow.policy.BucketPolicy;
import io.chronoshadow.shadow.policy.FixedBucketPolicy;

/**
 * Where bucket boundaries fall under a policy: pure functions of the policy, a time and the
 * smoothed change rate, so that cut times depend on nothing but the input.
 */
final class BucketSchedule {

  /** The start and cut time of a scheduled bucket. */
  record Bucket(long startMillis, long cutMillis) {}

  private BucketSchedule() {}

  /** The bucket opened by a transaction at {@code millis} when no bucket is open. */
  static Bucket openAt(BucketPolicy policy, long millis, Double rate) {
    if (policy instanceof FixedBucketPolicy f) {
      long start = Math.floorDiv(millis, f.intervalMillis()) * f.intervalMillis();
      return new Bucket(start, start + f.intervalMillis());
    }
    AdaptiveBucketPolicy a = (AdaptiveBucketPolicy) policy;
    return new Bucket(millis, millis + adaptiveInterval(a, rate));
  }

  /** The bucket that follows one closed at {@code cutMillis} (with changes). */
  static Bucket after(BucketPolicy policy, long cutMillis, Double rate) {
    if (policy instanceof FixedBucketPolicy f) {
      // Realigns when the interval changed: the first boundary of the new grid after the cut.
      long next =
          Math.floorDiv(cutMillis, f.intervalMillis()) * f.intervalMillis() + f.intervalMillis();
      return new Bucket(cutMillis, next);
    }
    AdaptiveBucketPolicy a = (AdaptiveBucketPolicy) policy;
    return new Bucket(cutMillis, cutMillis + adaptiveInterval(a, rate));
  }

  /**
   * {@code clamp(target / rate, min, max)}. With no rate observed yet the first bucket is as short
   * as allowed: an unknown rate may be high, and an oversized shadow cannot be split afterwards
   * while a short one costs one extra commit; it also makes the baseline shadow visible early.
   */
  static long adaptiveInterval(AdaptiveBucketPolicy a, Double rate) {
    if (rate == null) {
      return a.minMillis();
    }
    if (rate <= 0) {
      return a.maxMillis();
    }
    double millis = a.targetChanges() * 1000.0 / rate;
    if (!(millis < a.maxMillis())) {
      return a.maxMillis();
    }
    return Math.max(a.minMillis(), (long) Math.floor(millis));
  }

  /**
   * EWMA update with one observation (changes per second). Fixed policies keep the estimate too,
   * with the default smoothing, so a switch to adaptive starts from a measured rate.
   */
  static double observe(BucketPolicy policy, Double rate, double observed) {
    double alpha =
        policy instanceof AdaptiveBucketPolicy a
            ? a.smoothing()
            : AdaptiveBucketPolicy.DEFAULT_SMOOTHING;
    return rate == null ? observed : alpha * observed + (1 - alpha) * rate;
  }
}

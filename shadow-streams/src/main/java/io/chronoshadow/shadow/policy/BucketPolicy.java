package io.chronoshadow.shadow.policy;

import java.time.Duration;

/**
 * How a shadow group is cut into shadows. Policies are plain data (validated on construction), so
 * that the planner's state, the compacted policies topic and the REST API all carry the same
 * values.
 */
public sealed interface BucketPolicy permits FixedBucketPolicy, AdaptiveBucketPolicy {

  /**
   * Shortest interval any policy may use: a shadow costs one Iceberg commit (50–300 ms) per table.
   */
  Duration SHORTEST_INTERVAL = Duration.ofSeconds(1);

  /** Longest interval any policy may use; keeps all cut-time arithmetic far from overflow. */
  Duration LONGEST_INTERVAL = Duration.ofDays(365);

  /**
   * The policy of a group that has none configured: adaptive between one minute and one hour,
   * aiming at 10 000 changes per shadow, smoothing 0.3 (roughly the last three shadows dominate the
   * rate).
   */
  static BucketPolicy defaultPolicy() {
    return new AdaptiveBucketPolicy(
        Duration.ofMinutes(1), Duration.ofHours(1), 10_000, AdaptiveBucketPolicy.DEFAULT_SMOOTHING);
  }

  /** The wire name of the policy type: {@code fixed} or {@code adaptive}. */
  String type();
}

package io.chronoshadow.shadow.policy;

import io.chronoshadow.schemas.contract.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Rate-aware cutting: each shadow's interval is {@code clamp(targetChanges / rate, min, max)},
 * where rate is an exponentially weighted moving average (weight {@code smoothing} for the newest
 * observation) of the change rate of the shadows closed so far.
 */
public record AdaptiveBucketPolicy(Duration min, Duration max, long targetChanges, double smoothing)
    implements BucketPolicy {

  public static final String TYPE = "adaptive";
  public static final double DEFAULT_SMOOTHING = 0.3;

  public AdaptiveBucketPolicy {
    InvalidPolicyException.throwIfAny(violations(min, max, targetChanges, smoothing));
  }

  /** Every reason the given values do not make a valid adaptive policy. */
  public static List<PolicyViolation> violations(
      Duration min, Duration max, long targetChanges, double smoothing) {
    List<PolicyViolation> out = new ArrayList<>();
    boolean minOk = IntervalRules.check("adaptive.min", min, out);
    boolean maxOk = IntervalRules.check("adaptive.max", max, out);
    if (minOk && maxOk && min.compareTo(max) > 0) {
      out.add(
          new PolicyViolation(
              "adaptive.min",
              "must be ≤ adaptive.max (was "
                  + Durations.shorthand(min)
                  + " > "
                  + Durations.shorthand(max)
                  + ")"));
    }
    if (targetChanges <= 0) {
      out.add(
          new PolicyViolation("adaptive.targetChanges", "must be > 0 (was " + targetChanges + ")"));
    }
    if (!(smoothing > 0.0 && smoothing <= 1.0)) {
      out.add(
          new PolicyViolation("adaptive.smoothing", "must be in (0, 1] (was " + smoothing + ")"));
    }
    return out;
  }

  @Override
  public String type() {
    return TYPE;
  }

  public long minMillis() {
    return min.toMillis();
  }

  public long maxMillis() {
    return max.toMillis();
  }
}

package io.chronoshadow.shadow.policy;

import io.chronoshadow.schemas.contract.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts on UTC-aligned boundaries {@code epoch + n·interval}: hourly cuts fall on the hour, daily
 * ones at 00:00 UTC. The interval must divide a day (or be whole days) so that boundaries line up
 * with wall-clock hours and days the way readers expect.
 */
public record FixedBucketPolicy(Duration interval) implements BucketPolicy {

  public static final String TYPE = "fixed";
  private static final Duration DAY = Duration.ofDays(1);

  public FixedBucketPolicy {
    InvalidPolicyException.throwIfAny(violations(interval));
  }

  public static FixedBucketPolicy of(Duration interval) {
    return new FixedBucketPolicy(interval);
  }

  /** Every reason {@code interval} is not a valid fixed interval. */
  public static List<PolicyViolation> violations(Duration interval) {
    List<PolicyViolation> out = new ArrayList<>();
    if (IntervalRules.check("fixed.interval", interval, out)) {
      long ms = interval.toMillis();
      long dayMs = DAY.toMillis();
      boolean dividesDay = ms <= dayMs && dayMs % ms == 0;
      boolean wholeDays = ms % dayMs == 0;
      if (!dividesDay && !wholeDays) {
        out.add(
            new PolicyViolation(
                "fixed.interval",
                "must divide 24h evenly or be a whole number of days (was "
                    + Durations.shorthand(interval)
                    + ")"));
      }
    }
    return out;
  }

  @Override
  public String type() {
    return TYPE;
  }

  public long intervalMillis() {
    return interval.toMillis();
  }
}

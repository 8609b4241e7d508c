package io.chronoshadow.shadow.policy;

import io.chronoshadow.schemas.contract.Durations;
import java.time.Duration;
import java.util.List;

/** The checks every policy duration must pass, shared by both policy types. */
final class IntervalRules {

  private IntervalRules() {}

  /**
   * Adds the violations of {@code value} under {@code field}; returns whether the value is usable
   * for further cross-field checks.
   */
  static boolean check(String field, Duration value, List<PolicyViolation> out) {
    if (value == null) {
      out.add(new PolicyViolation(field, "is missing"));
      return false;
    }
    String shown = Durations.shorthand(value);
    if (value.isZero() || value.isNegative()) {
      out.add(new PolicyViolation(field, "must be positive (was " + shown + ")"));
      return false;
    }
    if (value.getNano() % 1_000_000 != 0) {
      // Cut times and shadow ids have millisecond precision.
      out.add(
          new PolicyViolation(field, "must be a whole number of milliseconds (was " + shown + ")"));
      return false;
    }
    if (value.compareTo(BucketPolicy.SHORTEST_INTERVAL) < 0) {
      out.add(
          new PolicyViolation(
              field,
              "must be at least "
                  + Durations.shorthand(BucketPolicy.SHORTEST_INTERVAL)
                  + " (was "
                  + shown
                  + ")"));
      return false;
    }
    if (value.compareTo(BucketPolicy.LONGEST_INTERVAL) > 0) {
      out.add(
          new PolicyViolation(
              field,
              "must be at most "
                  + Durations.shorthand(BucketPolicy.LONGEST_INTERVAL)
                  + " (was "
                  + shown
                  + ")"));
      return false;
    }
    return true;
  }
}

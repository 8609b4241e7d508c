package io.chronoshadow.shadow.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyValidationTest {

  private static List<String> fixedProblems(Duration interval) {
    return FixedBucketPolicy.violations(interval).stream().map(PolicyViolation::toString).toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {"PT1S", "PT15M", "PT1H30M", "PT1H", "PT8H", "P1D", "P2D", "P7D"})
  void fixedIntervalsThatDivideADayOrAreWholeDaysAreValid(String interval) {
    assertThat(fixedProblems(Duration.parse(interval))).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "PT7M | fixed.interval must divide 24h evenly or be a whole number of days (was 7m)",
        "PT25H | fixed.interval must divide 24h evenly or be a whole number of days (was 1d1h)",
        "PT0S | fixed.interval must be positive (was 0s)",
        "PT-1H | fixed.interval must be positive (was -1h)",
        "PT0.5S | fixed.interval must be at least 1s (was 500ms)",
        "PT1.0000001S | fixed.interval must be a whole number of milliseconds (was PT1.0000001S)",
        "P400D | fixed.interval must be at most 365d (was 400d)"
      })
  void invalidFixedIntervalsSayWhy(String interval, String message) {
    assertThat(fixedProblems(Duration.parse(interval))).containsExactly(message);
    assertThatThrownBy(() -> FixedBucketPolicy.of(Duration.parse(interval)))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessage(message);
  }

  @Test
  void missingFixedIntervalIsNamed() {
    assertThat(fixedProblems(null)).containsExactly("fixed.interval is missing");
  }

  @Test
  void adaptiveMinMustNotExceedMax() {
    assertThatThrownBy(
            () ->
                new AdaptiveBucketPolicy(Duration.ofMinutes(10), Duration.ofMinutes(5), 5000, 0.3))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessage("adaptive.min must be ≤ adaptive.max (was 10m > 5m)");
  }

  @Test
  void everyAdaptiveViolationIsReportedAtOnce() {
    InvalidPolicyException e =
        catchInvalid(() -> new AdaptiveBucketPolicy(Duration.ZERO, null, 0, 1.5));

    assertThat(e.violations())
        .extracting(PolicyViolation::toString)
        .containsExactly(
            "adaptive.min must be positive (was 0s)",
            "adaptive.max is missing",
            "adaptive.targetChanges must be > 0 (was 0)",
            "adaptive.smoothing must be in (0, 1] (was 1.5)");
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, -0.1, 1.0000001, Double.NaN, Double.POSITIVE_INFINITY})
  void smoothingOutsideZeroExclusiveOneInclusiveIsRejected(double alpha) {
    assertThat(
            AdaptiveBucketPolicy.violations(Duration.ofMinutes(1), Duration.ofHours(1), 10, alpha))
        .extracting(PolicyViolation::field)
        .containsExactly("adaptive.smoothing");
  }

  @Test
  void smoothingOfOneAndEqualMinAndMaxAreValid() {
    assertThat(
            AdaptiveBucketPolicy.violations(Duration.ofMinutes(5), Duration.ofMinutes(5), 1, 1.0))
        .isEmpty();
  }

  @Test
  void theDefaultPolicyIsValidAndAdaptive() {
    assertThat(BucketPolicy.defaultPolicy())
        .isEqualTo(
            new AdaptiveBucketPolicy(Duration.ofMinutes(1), Duration.ofHours(1), 10_000, 0.3));
  }

  /** The name rules themselves are GroupNamesTest's (module schemas); a policy applies them. */
  @ParameterizedTest
  @ValueSource(strings = {"", "Shop", "chrono_history"})
  void policiesOfUnsafeGroupNamesAreRejected(String group) {
    assertThatThrownBy(() -> new GroupPolicy(group, BucketPolicy.defaultPolicy()))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageStartingWith("group ");
  }

  private static InvalidPolicyException catchInvalid(Runnable r) {
    try {
      r.run();
    } catch (InvalidPolicyException e) {
      return e;
    }
    throw new AssertionError("expected InvalidPolicyException");
  }
}

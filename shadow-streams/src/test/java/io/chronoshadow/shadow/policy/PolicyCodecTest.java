package io.chronoshadow.shadow.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyCodecTest {

  @Test
  void fixedRoundTrip() {
    GroupPolicy p = new GroupPolicy("shop", FixedBucketPolicy.of(Duration.ofHours(1)));

    String json = PolicyCodec.toJson(p);

    assertThat(json).isEqualTo("{\"group\":\"shop\",\"type\":\"fixed\",\"interval\":\"PT1H\"}");
    assertThat(PolicyCodec.fromJson(json)).isEqualTo(p);
  }

  @Test
  void adaptiveRoundTrip() {
    GroupPolicy p =
        new GroupPolicy(
            "shop",
            new AdaptiveBucketPolicy(Duration.ofMinutes(1), Duration.ofHours(1), 5000, 0.3));

    String json = PolicyCodec.toJson(p);

    assertThat(json)
        .isEqualTo(
            "{\"group\":\"shop\",\"type\":\"adaptive\",\"min\":\"PT1M\",\"max\":\"PT1H\","
                + "\"targetChanges\":5000,\"smoothing\":0.3}");
    assertThat(PolicyCodec.fromJson(json)).isEqualTo(p);
  }

  @Test
  void shorthandsAndDefaultSmoothingAreAccepted() {
    GroupPolicy p =
        PolicyCodec.fromJson(
            "{\"group\":\"shop\",\"type\":\"adaptive\",\"min\":\"30s\",\"max\":\"1h30m\","
                + "\"targetChanges\":100}");

    assertThat(p.policy())
        .isEqualTo(
            new AdaptiveBucketPolicy(Duration.ofSeconds(30), Duration.ofMinutes(90), 100, 0.3));
    assertThat(PolicyCodec.fromJson("{\"group\":\"shop\",\"type\":\"fixed\",\"interval\":\"15m\"}"))
        .isEqualTo(new GroupPolicy("shop", FixedBucketPolicy.of(Duration.ofMinutes(15))));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"group\":\"shop\",\"type\":\"fixed\"} | fixed.interval is missing",
        "{\"group\":\"shop\",\"type\":\"fixed\",\"interval\":\"soon\"} | fixed.interval must be an"
            + " ISO-8601 duration (PT1H) or shorthand (1h, 15m, 30s, 500ms, 1d) (was \"soon\")",
        "{\"group\":\"shop\",\"type\":\"fixed\",\"interval\":3600} | fixed.interval must be an"
            + " ISO-8601 duration (PT1H) or shorthand (1h, 15m, 30s, 500ms, 1d) (was 3600)",
        "{\"group\":\"shop\",\"type\":\"fixed\",\"interval\":\"7m\"} | fixed.interval must divide"
            + " 24h evenly or be a whole number of days (was 7m)",
        "{\"group\":\"shop\",\"type\":\"hourly\"} | type must be \"fixed\" or \"adaptive\" (was"
            + " \"hourly\")",
        "{\"group\":\"shop\"} | type is missing (expected \"fixed\" or \"adaptive\")",
        "{\"type\":\"fixed\",\"interval\":\"1h\"} | group is missing",
        "{\"group\":\"Shop\",\"type\":\"fixed\",\"interval\":\"1h\"} | group must be lowercase"
            + " letters, digits, '-' or '_', starting with a letter or digit (was \"Shop\")",
        "{\"group\":\"shop\",\"type\":\"fixed\",\"interval\":\"1h\",\"intervall\":\"2h\"} |"
            + " fixed.intervall is not a field of a fixed policy",
        "{\"group\":\"shop\",\"type\":\"adaptive\",\"min\":\"10m\",\"max\":\"5m\",\"targetChanges\":1}"
            + " | adaptive.min must be ≤ adaptive.max (was 10m > 5m)",
        "{\"group\":\"shop\",\"type\":\"adaptive\",\"min\":\"1m\",\"max\":\"5m\",\"targetChanges\":1.5}"
            + " | adaptive.targetChanges must be an integer (was 1.5)",
        "{\"group\":\"shop\",\"type\":\"adaptive\",\"min\":\"1m\",\"max\":\"5m\"} |"
            + " adaptive.targetChanges is missing",
        "{\"group\":\"shop\",\"type\":\"adaptive\",\"min\":\"1m\",\"max\":\"5m\",\"targetChanges\":1,"
            + "\"smoothing\":\"high\"} | adaptive.smoothing must be a number (was \"high\")",
        "{\"group\":\"shop\",\"type\":\"adaptive\",\"min\":\"1m\",\"max\":\"5m\",\"targetChanges\":1,"
            + "\"smoothing\":0} | adaptive.smoothing must be in (0, 1] (was 0.0)",
        "[1,2] | policy must be a JSON object (was [1,2])"
      })
  void decodingErrorsNameTheField(String json, String message) {
    assertThatThrownBy(() -> PolicyCodec.fromJson(json))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessage(message);
  }

  @Test
  void decodingReportsEveryProblemAtOnce() {
    assertThatThrownBy(
            () ->
                PolicyCodec.fromJson(
                    "{\"group\":\"\",\"type\":\"adaptive\",\"min\":\"x\",\"targetChanges\":-1}"))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessage(
            "group is missing; adaptive.min must be an ISO-8601 duration (PT1H) or shorthand (1h,"
                + " 15m, 30s, 500ms, 1d) (was \"x\"); adaptive.max is missing;"
                + " adaptive.targetChanges must be > 0 (was -1)");
  }

  @Test
  void malformedJsonIsReported() {
    assertThatThrownBy(() -> PolicyCodec.fromJson("{\"group\":"))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageStartingWith("policy is not valid JSON: ");
  }
}

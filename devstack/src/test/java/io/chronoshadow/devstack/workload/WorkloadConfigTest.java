package io.chronoshadow.devstack.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class WorkloadConfigTest {

  @Test
  void defaultsAreValidAndSensible() {
    WorkloadConfig config = WorkloadConfig.defaults();
    assertThat(config.seed()).isEqualTo(42);
    assertThat(config.customers()).isEqualTo(200);
    assertThat(config.products()).isEqualTo(100);
    assertThat(config.baseRatePerSecond()).isEqualTo(20.0);
    assertThat(config.dayLength()).isEqualTo(Duration.ofMinutes(10));
    assertThat(config.orderSpikeFactor()).isEqualTo(10.0);
    assertThat(config.toBuilder().build()).isEqualTo(config);
  }

  @Test
  void theDocumentedDefaultsFileMatchesTheBuiltInDefaults() throws Exception {
    Properties documented = new Properties();
    try (var in = getClass().getResourceAsStream("/workload/workload-defaults.properties")) {
      documented.load(in);
    }
    assertThat(WorkloadConfig.fromProperties(documented)).isEqualTo(WorkloadConfig.defaults());
    // and it documents every key: changing any of them changes the configuration
    for (String key : documented.stringPropertyNames()) {
      Properties changed = new Properties();
      changed.setProperty(key, perturbed(key, documented.getProperty(key)));
      assertThat(WorkloadConfig.fromProperties(changed))
          .as(key)
          .isNotEqualTo(WorkloadConfig.defaults());
    }
    assertThat(documented.stringPropertyNames())
        .hasSize(WorkloadConfig.class.getRecordComponents().length);
  }

  private static String perturbed(String key, String value) {
    if (key.endsWith("business-epoch")) {
      return "2027-01-01T00:00:00Z";
    }
    if (value.startsWith("PT")) {
      return "PT1S".equals(value) ? "PT2S" : "PT1S";
    }
    if (key.endsWith("fraction") || key.endsWith("probability")) {
      return "0.25";
    }
    return value.contains(".") ? "7.5" : "7";
  }

  @Test
  void everyBadFieldIsReportedOnItsOwnLine() {
    assertThatThrownBy(
            () ->
                WorkloadConfig.builder()
                    .baseRatePerSecond(-1)
                    .dayLength(Duration.ZERO)
                    .burstProbability(1.5)
                    .runawayDeleteFraction(0)
                    .customers(0)
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "baseRatePerSecond (chrono.workload.base-rate) must be a finite number > 0, was -1.0")
        .hasMessageContaining("dayLength (chrono.workload.day-length) must be a positive duration")
        .hasMessageContaining("burstProbability (chrono.workload.burst-probability) must be within")
        .hasMessageContaining("runawayDeleteFraction (chrono.workload.runaway-delete.fraction)")
        .hasMessageContaining("customers (chrono.workload.customers) must be >= 1, was 0")
        .satisfies(e -> assertThat(e.getMessage().lines().count()).isEqualTo(6));
  }

  @Test
  void propertiesOverrideDefaultsWithReadableDurations() {
    Properties p = new Properties();
    p.setProperty("chrono.workload.seed", "7");
    p.setProperty("chrono.workload.base-rate", "55.5");
    p.setProperty("chrono.workload.day-length", "2m");
    p.setProperty("chrono.workload.order-spike.duration", "PT45S");
    p.setProperty("chrono.workload.runaway-delete.duration", "750ms");
    p.setProperty("chrono.workload.business-epoch", "2030-05-01T00:00:00Z");
    p.setProperty("unrelated.key", "ignored");
    WorkloadConfig config = WorkloadConfig.fromProperties(p);
    assertThat(config.seed()).isEqualTo(7);
    assertThat(config.baseRatePerSecond()).isEqualTo(55.5);
    assertThat(config.dayLength()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.orderSpikeDuration()).isEqualTo(Duration.ofSeconds(45));
    assertThat(config.runawayDeleteDuration()).isEqualTo(Duration.ofMillis(750));
    assertThat(config.businessEpoch()).isEqualTo(Instant.parse("2030-05-01T00:00:00Z"));
    assertThat(config.products()).isEqualTo(100);
  }

  @Test
  void unparsableValuesNameTheirKey() {
    Properties p = new Properties();
    p.setProperty("chrono.workload.seed", "forty-two");
    p.setProperty("chrono.workload.day-length", "10 fortnights");
    assertThatThrownBy(() -> WorkloadConfig.fromProperties(p))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("chrono.workload.seed cannot be parsed from 'forty-two'")
        .hasMessageContaining("chrono.workload.day-length cannot be parsed from '10 fortnights'");
  }

  @Test
  void validValuesFromPropertiesAreStillValidated() {
    Properties p = new Properties();
    p.setProperty("chrono.workload.order-spike.factor", "0.5");
    assertThatThrownBy(() -> WorkloadConfig.fromProperties(p))
        .hasMessageContaining("orderSpikeFactor (chrono.workload.order-spike.factor) must be > 1");
  }
}

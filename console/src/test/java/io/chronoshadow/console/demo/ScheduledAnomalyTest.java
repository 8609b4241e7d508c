package io.chronoshadow.console.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chronoshadow.devstack.workload.Anomaly;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScheduledAnomalyTest {

  @Test
  void parsesNameAndDelayInTheirCommonSpellings() {
    assertThat(ScheduledAnomaly.parse("runaway-delete@5m"))
        .isEqualTo(new ScheduledAnomaly(Anomaly.RUNAWAY_DELETE, Duration.ofMinutes(5)));
    assertThat(ScheduledAnomaly.parse("PRICE_GLITCH@90s"))
        .isEqualTo(new ScheduledAnomaly(Anomaly.PRICE_GLITCH, Duration.ofSeconds(90)));
    assertThat(ScheduledAnomaly.parse("order-spike@250ms").delay()).hasMillis(250);
    assertThat(ScheduledAnomaly.parse("stock-drain@2h").delay()).hasHours(2);
  }

  @Test
  void rejectsEachMalformedPartWithItsOwnMessage() {
    assertThatThrownBy(() -> ScheduledAnomaly.parse("runaway-delete"))
        .hasMessageContaining("must be NAME@DELAY");
    assertThatThrownBy(() -> ScheduledAnomaly.parse("runaway-delete@soon"))
        .hasMessageContaining("delay 'soon'");
    assertThatThrownBy(() -> ScheduledAnomaly.parse("flood@1m"))
        .hasMessageContaining("unknown anomaly 'flood'");
  }
}

package io.chronoshadow.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1h|PT1H",
        "15m|PT15M",
        "30s|PT30S",
        "500ms|PT0.5S",
        "1d|PT24H",
        "1h30m|PT1H30M",
        "PT2H|PT2H",
        "P1D|PT24H",
        "pt5m|PT5M"
      })
  void durationShorthands(String text, String iso) {
    assertThat(Durations.parse(text)).hasValue(Duration.parse(iso));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"1x", "h", "1H", "1 h", "-1h", "1.5h", "''"})
  void notDurations(String text) {
    assertThat(Durations.parse(text)).isEmpty();
  }
}

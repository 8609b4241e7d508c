package io.chronoshadow.prophet.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chronoshadow.prophet.anomaly.Thresholds;
import io.chronoshadow.prophet.app.ProphetStreamsConfig.Keys;
import io.chronoshadow.prophet.engine.AlarmRates;
import io.chronoshadow.prophet.engine.AnalysisSettings;
import io.chronoshadow.prophet.series.MetricKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ProphetStreamsConfigTest {

  private static Properties minimal() {
    Properties p = new Properties();
    p.setProperty(Keys.BOOTSTRAP_SERVERS, "127.0.0.1:9092");
    p.setProperty(Keys.REGISTRY_URL, "http://127.0.0.1:8081/apis/ccompat/v7");
    p.setProperty(Keys.STATE_DIR, "/tmp/prophet");
    return p;
  }

  @Test
  void theThreeRequiredKeysAreEnoughAndEverythingElseHasItsDocumentedDefault() {
    ProphetStreamsConfig c = ProphetStreamsConfig.fromProperties(minimal());
    assertThat(c.applicationId()).isEqualTo("chrono-prophet");
    assertThat(c.stateDir()).isEqualTo(Path.of("/tmp/prophet"));
    assertThat(c.topics().statsTopic()).isEqualTo("chrono.shadow-stats");
    assertThat(c.topics().forecastsTopic()).isEqualTo("chrono.forecasts");
    assertThat(c.topics().anomaliesTopic()).isEqualTo("chrono.anomalies");
    assertThat(c.topics().dlqTopic()).isEqualTo("chrono.dlq");
    assertThat(c.analysis().defaultStep()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.analysis().horizon()).isEqualTo(12);
    assertThat(c.analysis().intervalLevel()).isEqualTo(0.8);
    assertThat(c.analysis().historySteps()).isEqualTo(1008);
    assertThat(c.analysis().maxCarrySteps()).isEqualTo(12);
    assertThat(c.analysis().period()).isZero();
    assertThat(c.analysis().minWarmupSteps()).isEqualTo(48);
    assertThat(c.analysis().model()).isEqualTo("auto");
    assertThat(c.analysis().publishAllSteps()).isFalse();
    assertThat(c.analysis().columnMetrics()).isTrue();
    assertThat(c.analysis().columnExclude().matcher("customer_id").matches()).isTrue();
  }

  @Test
  void everySettingIsRead() {
    Properties p = minimal();
    p.setProperty(Keys.STEP, "2s");
    p.setProperty(Keys.STEP + ".shop", "PT5S");
    p.setProperty(Keys.HORIZON, "6");
    p.setProperty(Keys.INTERVAL_LEVEL, "0.9");
    p.setProperty(Keys.HISTORY_STEPS, "200");
    p.setProperty(Keys.PERIOD, "1");
    p.setProperty(Keys.MIN_WARMUP_STEPS, "30");
    p.setProperty(Keys.MODEL, "hw-damped");
    p.setProperty(Keys.ANOMALIES, "all");
    p.setProperty(Keys.COLUMN_METRICS, "false");
    p.setProperty(Keys.TOPIC + "anomalies", "alerts");
    p.setProperty("kafka.commit.interval.ms", "100");
    ProphetStreamsConfig c = ProphetStreamsConfig.fromProperties(p);
    assertThat(c.analysis().step("shop")).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.analysis().step("billing")).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.analysis().warmupSteps(Duration.ofSeconds(2))).isEqualTo(30);
    assertThat(c.analysis().horizon()).isEqualTo(6);
    assertThat(c.analysis().model()).isEqualTo("hw-damped");
    assertThat(c.analysis().publishAllSteps()).isTrue();
    assertThat(c.analysis().columnMetrics()).isFalse();
    assertThat(c.topics().anomaliesTopic()).isEqualTo("alerts");
    assertThat(c.streamsOverrides()).containsEntry("commit.interval.ms", "100");
  }

  @Test
  void everyProblemIsReportedAtOnceEachNamingItsKey() {
    Properties p = new Properties();
    p.setProperty(Keys.REGISTRY_URL, "127.0.0.1:8081");
    p.setProperty(Keys.STEP, "soon");
    p.setProperty(Keys.STEP + ".Bad Group", "1m");
    p.setProperty(Keys.HORIZON, "0");
    p.setProperty(Keys.INTERVAL_LEVEL, "1.5");
    p.setProperty(Keys.MODEL, "prophet");
    p.setProperty(Keys.ANOMALIES, "some");
    p.setProperty(Keys.MIN_WARMUP_STEPS, "many");
    p.setProperty(Keys.COLUMN_EXCLUDE, "(");
    p.setProperty("chrono.prophet.horizn", "3");
    assertThatThrownBy(() -> ProphetStreamsConfig.fromProperties(p))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid prophet-streams config: ")
        .hasMessageContaining(Keys.BOOTSTRAP_SERVERS + " is required")
        .hasMessageContaining(Keys.REGISTRY_URL + " must be an http(s) URL (was 127.0.0.1:8081)")
        .hasMessageContaining(Keys.STATE_DIR + " is required")
        .hasMessageContaining(Keys.STEP + " must be a duration like 5m or PT5M (was soon)")
        .hasMessageContaining(Keys.STEP + ".Bad Group: ")
        .hasMessageContaining(Keys.HORIZON + " must be between 1 and 1000 (was 0)")
        .hasMessageContaining(Keys.INTERVAL_LEVEL + " must be strictly between 0 and 1 (was 1.5)")
        .hasMessageContaining(Keys.MODEL + ": unknown model prophet (one of auto, snaive, hw")
        .hasMessageContaining(Keys.ANOMALIES + " must be alarms or all (was some)")
        .hasMessageContaining(Keys.MIN_WARMUP_STEPS + " must be a whole number (was many)")
        .hasMessageContaining(Keys.COLUMN_EXCLUDE + " is not a regular expression")
        .hasMessageContaining("chrono.prophet.horizn is not a known key");
  }

  @Test
  void alarmRatesDefaultToOnePerMonthAndOneCriticalPerYearAndSetTheThresholds() {
    ProphetStreamsConfig defaults = ProphetStreamsConfig.fromProperties(minimal());
    assertThat(defaults.analysis().alarms()).isEqualTo(AlarmRates.defaults());
    Properties p = minimal();
    p.setProperty(Keys.ALARM_WARNINGS_PER_MONTH, "4");
    p.setProperty(Keys.ALARM_CRITICALS_PER_YEAR, "0.5");
    AnalysisSettings a = ProphetStreamsConfig.fromProperties(p).analysis();
    assertThat(a.alarms()).isEqualTo(new AlarmRates(4, 0.5));
    assertThat(a.detector("s", "s", MetricKind.LEVEL, Duration.ofMinutes(5)).thresholds())
        .isEqualTo(Thresholds.forAlarmRates(Duration.ofMinutes(5), 4, 0.5));

    Properties bad = minimal();
    bad.setProperty(Keys.ALARM_WARNINGS_PER_MONTH, "0");
    bad.setProperty(Keys.ALARM_CRITICALS_PER_YEAR, "lots");
    assertThatThrownBy(() -> ProphetStreamsConfig.fromProperties(bad))
        .hasMessageContaining(Keys.ALARM_WARNINGS_PER_MONTH + " must be > 0 (was 0.0)")
        .hasMessageContaining(Keys.ALARM_CRITICALS_PER_YEAR);
    Properties tooMany = minimal();
    tooMany.setProperty(Keys.STEP, "1d");
    tooMany.setProperty(Keys.ALARM_WARNINGS_PER_MONTH, "10");
    assertThatThrownBy(() -> ProphetStreamsConfig.fromProperties(tooMany))
        .hasMessageContaining("more than one step in 20");
  }

  @Test
  void theHistoryMustCoverTheWarmUpOrARestartCouldNotRebuildAWarmDetector() {
    Properties p = minimal();
    p.setProperty(Keys.STEP, "1m");
    p.setProperty(Keys.HISTORY_STEPS, "100");
    // One-minute steps: seasons of an hour (60) and a day (1440 > 1008, not a candidate); the
    // detector needs two seasons and two steps to fit, one more of honest residuals, and a
    // backtest horizon (24): 206.
    assertThatThrownBy(() -> ProphetStreamsConfig.fromProperties(p))
        .hasMessageContaining(
            Keys.HISTORY_STEPS + " must be at least the warm-up, 206 steps at " + Keys.STEP + "=1m")
        .hasMessageEndingWith("(was 100)");
  }

  @Test
  void stepsOutsideOneSecondToAWeekAreRejected() {
    Properties p = minimal();
    p.setProperty(Keys.STEP, "500ms");
    assertThatThrownBy(() -> ProphetStreamsConfig.fromProperties(p))
        .hasMessageContaining(
            Keys.STEP + " must be whole milliseconds between 1s and 7d (was 500ms)");
  }

  @Test
  void watchPatternsAreReadPerGroupAndEachProblemNamesItsKey() {
    Properties p = minimal();
    p.setProperty(Keys.WATCH_INCLUDE + ".shop", "shop\\.order_lines/quantity\\.mean");
    p.setProperty(Keys.WATCH_EXCLUDE + ".shop", ".*/bytes|shop\\.orders/updates");
    ProphetStreamsConfig c = ProphetStreamsConfig.fromProperties(p);
    assertThat(c.analysis().watch().include().get("shop").pattern())
        .isEqualTo("shop\\.order_lines/quantity\\.mean");
    assertThat(c.analysis().watch().exclude()).containsOnlyKeys("shop");
    assertThat(AnalysisSettings.defaults().watch().include()).isEmpty();

    Properties bad = minimal();
    bad.setProperty(Keys.WATCH_INCLUDE + ".shop", "(");
    bad.setProperty(Keys.WATCH_EXCLUDE + ".Bad Group", "x");
    bad.setProperty(Keys.WATCH_EXCLUDE + ".shop", " ");
    bad.setProperty(Keys.WATCH_INCLUDE, ".*");
    assertThatThrownBy(() -> ProphetStreamsConfig.fromProperties(bad))
        .hasMessageContaining(Keys.WATCH_INCLUDE + ".shop is not a regular expression")
        .hasMessageContaining(Keys.WATCH_EXCLUDE + ".Bad Group: ")
        .hasMessageContaining(Keys.WATCH_EXCLUDE + ".shop is empty: give a regular expression over")
        .hasMessageContaining(Keys.WATCH_INCLUDE + " names no group: use " + Keys.WATCH_INCLUDE);
  }
}

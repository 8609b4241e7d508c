package io.chronoshadow.schemas.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadLetterLogTest {

  static final long SECOND = 1_000_000_000L;

  final List<String> lines = new ArrayList<>();
  final DeadLetterLog log = new DeadLetterLog(Duration.ofSeconds(30), lines::add);

  @Test
  void aStormOfOneReasonIsOneLineThenOneSummaryPerWindow() {
    for (int i = 0; i < 10_000; i++) {
      log.record("AVRO_DECODE_FAILURE", "t-0@" + i, "bad " + i, i * 1_000_000L); // 10 s in all
    }
    assertThat(lines).containsExactly("dead letter from t-0@0: AVRO_DECODE_FAILURE — bad 0");

    log.flush(31 * SECOND);
    assertThat(lines)
        .hasSize(2)
        .last()
        .isEqualTo(
            "9999 more dead letters AVRO_DECODE_FAILURE in 30 s, the last from t-0@9999: bad 9999");
    log.flush(200 * SECOND);
    assertThat(lines).hasSize(2);
  }

  @Test
  void eachReasonHasItsOwnWindowAndAQuietWindowEndsWithoutASummary() {
    log.record("A", "t-0@1", "a", 0);
    log.record("B", "t-0@2", "b", SECOND);
    log.flush(40 * SECOND);
    log.record("A", "t-0@3", "a again", 41 * SECOND);
    assertThat(lines)
        .containsExactly(
            "dead letter from t-0@1: A — a",
            "dead letter from t-0@2: B — b",
            "dead letter from t-0@3: A — a again");
  }

  @Test
  void aDeadLetterAfterTheWindowSummarizesTheOneBeforeAndOpensAnother() {
    log.record("A", "t-0@1", "x", 0);
    log.record("A", "t-0@2", "y", SECOND);
    log.record("A", "t-0@3", "z", 31 * SECOND);
    assertThat(lines)
        .containsExactly(
            "dead letter from t-0@1: A — x",
            "1 more dead letters A in 30 s, the last from t-0@2: y",
            "dead letter from t-0@3: A — z");
  }
}

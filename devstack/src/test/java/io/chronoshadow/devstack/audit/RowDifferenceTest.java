package io.chronoshadow.devstack.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RowDifferenceTest {

  @Test
  void equalTablesHaveNoDifference() {
    Map<String, Map<String, String>> rows = Map.of("1", Map.of("id", "1", "v", "a"));
    assertThat(RowDifference.describe(rows, Map.copyOf(rows), 5)).isEmpty();
  }

  @Test
  void namesExtraMissingAndChangedKeysWithTheirColumns() {
    Map<String, Map<String, String>> actual =
        Map.of("1", Map.of("id", "1", "v", "a"), "2", Map.of("id", "2", "v", "b"));
    Map<String, Map<String, String>> expected =
        Map.of("2", Map.of("id", "2", "v", "c"), "3", Map.of("id", "3", "v", "d"));
    assertThat(RowDifference.describe(actual, expected, 5))
        .isEqualTo(
            "2 rows vs 2 expected; only here 1 [1]; missing 1 [3]; differing 1 [2 [v=b (expected"
                + " c)]]");
  }

  @Test
  void listsAtMostTheLimit() {
    Map<String, Map<String, String>> expected = Map.of("1", Map.of(), "2", Map.of(), "3", Map.of());
    assertThat(RowDifference.describe(Map.of(), expected, 2)).contains("missing 3 [1, 2]…");
  }
}

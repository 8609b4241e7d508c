package io.chronoshadow.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GroupNamesTest {

  @ParameterizedTest
  @ValueSource(strings = {"", "Shop", "-shop", "shop.eu", "shop eu", "shöp"})
  void unsafeGroupNamesAreRejected(String group) {
    assertThat(GroupNames.problem(group)).isPresent();
    assertThatThrownBy(() -> GroupNames.requireValid(group))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("group ");
  }

  @Test
  void groupNamesHaveALengthBound() {
    assertThat(GroupNames.problem("a".repeat(63))).isEmpty();
    assertThat(GroupNames.problem("a".repeat(64)))
        .hasValue("must be at most 63 characters (was 64)");
    assertThat(GroupNames.problem("shop_eu-2")).isEmpty();
  }

  @Test
  void theHistoryNamespaceIsNotAGroupName() {
    assertThat(GroupNames.problem("chrono_history"))
        .hasValueSatisfying(p -> assertThat(p).contains("holds the change history"));
    assertThat(GroupNames.problem("chrono_history2")).isEmpty();
  }
}

package io.chronoshadow.prophet.select;

import static org.assertj.core.api.Assertions.assertThat;

import io.chronoshadow.prophet.eval.SyntheticSpec;
import io.chronoshadow.prophet.eval.SyntheticSuite;
import io.chronoshadow.prophet.model.ModelKind;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BacktestSelectorTest {
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void selectedModelBeatsSeasonalNaiveOnTrendPlusSeasonality(long seed) {
    SyntheticSpec spec =
        new SyntheticSpec(
            "trend_season",
            24 * 20,
            Duration.ofHours(1),
            5_000,
            1.5,
            24,
            300,
            30,
            0,
            0,
            0,
            7,
            12,
            0);
    double[] y = SyntheticSuite.generate(spec, seed).values();

    Selection selection = new BacktestSelector(24, 24 * 12, 6).select(y, ModelKind.allAt(24), 24);

    double naive = selection.metricsOf("snaive(24)").mase();
    assertThat(selection.chosen().name()).startsWith("hw");
    assertThat(selection.chosenMetrics().mase() / naive).as("MASE ratio").isLessThan(0.8);
    assertThat(selection.all()).hasSize(ModelKind.values().length);
    assertThat(selection.chosenMetrics().forecasts()).isEqualTo(6 * 24);
  }
}

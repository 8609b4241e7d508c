package io.chronoshadow.prophet.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chronoshadow.prophet.model.SeasonalNaiveSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LearnedForecasterTest {

  static final int PERIOD = 24;
  static final int LENGTH = 24 * 30;

  @BeforeAll
  static void engine() {
    TestEngine.start();
  }

  @ParameterizedTest
  @EnumSource(Architecture.class)
  void saveThenLoadGivesIdenticalForecasts(Architecture architecture, @TempDir Path dir)
      throws Exception {
    SeriesHistory series =
        new SeriesHistory("s", NonlinearSeries.generate(24 * 10, PERIOD, 3), 0, PERIOD);
    NetworkSpec spec = NetworkSpec.small(architecture, 48, 6);
    try (LearnedForecaster trained =
        NetworkTrainer.train("m", spec, TrainingSettings.defaults(1).withEpochs(3), List.of(series))
            .forecaster()) {
      ModelFiles.save(trained, dir);
      assertThat(dir.resolve(ModelFiles.NETWORK_FILE)).exists();
      try (LearnedForecaster loaded = ModelFiles.load(dir, "m")) {
        assertThat(loaded.spec()).isEqualTo(spec);
        SeriesHistory origin = series.prefix(200);
        QuantileForecast before = trained.forecast(origin);
        QuantileForecast after = loaded.forecast(origin);
        assertThat(after.values()).isDeepEqualTo(before.values());
        // and a different input gives a different output (the comparison is not vacuous)
        assertThat(Arrays.deepEquals(loaded.forecast(series.prefix(201)).values(), before.values()))
            .isFalse();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Architecture.class)
  void learnsANonlinearSeasonBetterThanSeasonalNaive(Architecture architecture) {
    double[] y = NonlinearSeries.generate(LENGTH, PERIOD, 7);
    SeriesHistory full = new SeriesHistory("nonlinear", y, 0, PERIOD);
    int firstOrigin = (int) (LENGTH * 0.7);
    NetworkSpec spec = NetworkSpec.small(architecture, 48, 12);
    try (LearnedForecaster model =
        NetworkTrainer.train(
                "m", spec, TrainingSettings.defaults(11), List.of(full.prefix(firstOrigin)))
            .forecaster()) {
      LearnedBacktest.Result result =
          LearnedBacktest.run(model, new SeasonalNaiveSpec(PERIOD), full, firstOrigin, 6, PERIOD);
      assertThat(result.origins()).isGreaterThanOrEqualTo(30);
      assertThat(result.learnedMase())
          .as("%s MASE vs seasonal naive %s", architecture, result.statisticalMase())
          .isLessThan(result.statisticalMase());
      assertThat(result.learnedWins()).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(Architecture.class)
  void intervalsCoverMostOutcomes(Architecture architecture) {
    double[] y = NonlinearSeries.generate(LENGTH, PERIOD, 5);
    SeriesHistory full = new SeriesHistory("s", y, 0, PERIOD);
    int split = (int) (LENGTH * 0.7);
    try (LearnedForecaster model =
        NetworkTrainer.train(
                "m",
                NetworkSpec.small(architecture, 48, 1),
                TrainingSettings.defaults(2),
                List.of(full.prefix(split)))
            .forecaster()) {
      int inside = 0;
      int total = 0;
      for (int origin = split; origin < LENGTH; origin++) {
        QuantileForecast f = model.forecast(full.prefix(origin));
        if (y[origin] >= f.lowest(1) && y[origin] <= f.highest(1)) {
          inside++;
        }
        total++;
      }
      // 10%–90% quantiles: 80% nominal; a model that ignored the quantile loss would cover ~0%.
      assertThat((double) inside / total).isBetween(0.6, 0.97);
    }
  }

  @org.junit.jupiter.api.Test
  void tooShortAHistoryIsRefusedWithTheNumbers() {
    SeriesHistory tiny = new SeriesHistory("tiny", new double[30], 0, 1);
    assertThatThrownBy(
            () ->
                NetworkTrainer.train(
                    "m",
                    NetworkSpec.small(Architecture.LSTM, 48, 6),
                    TrainingSettings.defaults(1),
                    List.of(tiny)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 complete windows of 54 steps");
  }

  @org.junit.jupiter.api.Test
  void aWindowWithAMissingValueIsRefused(@TempDir Path dir) throws Exception {
    double[] y = NonlinearSeries.generate(300, PERIOD, 1);
    try (LearnedForecaster model =
        NetworkTrainer.train(
                "m",
                NetworkSpec.small(Architecture.LSTM, 24, 2),
                TrainingSettings.defaults(1).withEpochs(1),
                List.of(new SeriesHistory("s", y, 0, PERIOD)))
            .forecaster()) {
      double[] holed = Arrays.copyOf(y, 100);
      holed[95] = Double.NaN;
      assertThatThrownBy(() -> model.forecast(new SeriesHistory("s", holed, 0, PERIOD)))
          .hasMessageContaining("missing value among the last 24");
    }
    Files.writeString(dir.resolve(ModelFiles.NETWORK_FILE), "{\"format\": 2}");
    assertThatThrownBy(() -> ModelFiles.load(dir, "m"))
        .hasMessageContaining("field 'quantiles' is missing");
  }
}

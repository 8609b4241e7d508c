package io.chronoshadow.prophet.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
  void aFormat2FileLoadsOnlyWhereTheNetworkIsUnchanged(Architecture architecture, @TempDir Path dir)
      throws Exception {
    SeriesHistory series =
        new SeriesHistory("s", NonlinearSeries.generate(24 * 10, PERIOD, 3), 0, PERIOD);
    try (LearnedForecaster trained =
        NetworkTrainer.train(
                "m",
                NetworkSpec.small(architecture, 48, 6),
                TrainingSettings.defaults(1).withEpochs(1),
                List.of(series))
            .forecaster()) {
      ModelFiles.save(trained, dir);
    }
    Path description = dir.resolve(ModelFiles.NETWORK_FILE);
    String format3 = Files.readString(description);
    String format2 = format3.replaceFirst("\"format\"\\s*:\\s*3", "\"format\": 2");
    assertThat(format2).isNotEqualTo(format3);
    Files.writeString(description, format2);
    if (architecture == Architecture.LSTM) {
      try (LearnedForecaster loaded = ModelFiles.load(dir, "m")) {
        assertThat(loaded.forecast(series).values()).isNotEmpty();
      }
    } else {
      // its parameters fit the new readout's shapes but were trained for the mean over the window
      assertThatThrownBy(() -> ModelFiles.load(dir, "m"))
          .hasMessageContaining("model format 2 (transformer with a mean-pooled readout)");
    }
  }

  // Bounds measured with LearnedSpreadBench (README, "Quality tests and their spread"): 10 seeds
  // of the series' noise and of training, under libtorch's avx512 and default kernels. Trained
  // networks scored learned/snaive MASE 0.67-1.10, covered 0.66-0.96 with intervals 1.7-3.1
  // times the noise's own; networks that learned nothing (untrained, all-zero, one epoch) scored
  // 7.9-24 times seasonal naive, and either covered at most 0.49 or had intervals at least 4.5
  // times too wide (an untrained transformer covered 0.96 with intervals 36 times too wide, so
  // coverage alone is no oracle). The MASE bound does not ask the network to beat seasonal naive:
  // on this series it does by 0-30%, less than the seed and the CPU move it; serving a series
  // already requires a won backtest (LearningLifecycleTest).
  static final double MAX_MASE_RATIO_TO_NAIVE = 1.5;
  static final double MIN_COVERAGE = 0.5;
  static final double MAX_RELATIVE_WIDTH = 5.0;

  @ParameterizedTest
  @EnumSource(Architecture.class)
  void learnsANonlinearSeasonAboutAsWellAsSeasonalNaive(Architecture architecture) {
    LearnedQualityCases.Season season =
        LearnedQualityCases.season(
            architecture, 7, TrainingSettings.defaults(11), LearnedQualityCases.Network.TRAINED);
    assertThat(season.origins()).isGreaterThanOrEqualTo(30);
    assertThat(season.ratio())
        .as(
            "%s MASE %s over seasonal naive's %s",
            architecture, season.learnedMase(), season.naiveMase())
        .isLessThan(MAX_MASE_RATIO_TO_NAIVE);
  }

  @ParameterizedTest
  @EnumSource(Architecture.class)
  void theSeasonBoundRejectsANetworkThatLearnedNothing(Architecture architecture) {
    for (LearnedQualityCases.Network nothing :
        List.of(LearnedQualityCases.Network.UNTRAINED, LearnedQualityCases.Network.ZERO)) {
      LearnedQualityCases.Season season =
          LearnedQualityCases.season(architecture, 7, TrainingSettings.defaults(11), nothing);
      assertThat(season.ratio())
          .as("%s %s network: MASE over seasonal naive's", nothing, architecture)
          .isGreaterThan(3 * MAX_MASE_RATIO_TO_NAIVE);
    }
  }

  @ParameterizedTest
  @EnumSource(Architecture.class)
  void intervalsCoverMostOutcomesWithoutBeingVacuouslyWide(Architecture architecture) {
    LearnedQualityCases.Coverage c =
        LearnedQualityCases.coverage(
            architecture, 5, TrainingSettings.defaults(2), LearnedQualityCases.Network.TRAINED);
    // 10%–90% quantiles: 80% nominal; narrow enough that covering means something
    assertThat(c.inside()).as("%s share inside", architecture).isGreaterThan(MIN_COVERAGE);
    assertThat(c.relativeWidth())
        .as("%s mean width over the noise's own", architecture)
        .isLessThan(MAX_RELATIVE_WIDTH);
  }

  @ParameterizedTest
  @EnumSource(Architecture.class)
  void theCoverageBoundsRejectANetworkThatLearnedNothing(Architecture architecture) {
    for (LearnedQualityCases.Network nothing :
        List.of(LearnedQualityCases.Network.UNTRAINED, LearnedQualityCases.Network.ZERO)) {
      LearnedQualityCases.Coverage c =
          LearnedQualityCases.coverage(architecture, 5, TrainingSettings.defaults(2), nothing);
      // an all-zero network has no interval at all; an untrained one a random one, too narrow to
      // cover or so wide that covering says nothing
      assertThat(c.inside() <= MIN_COVERAGE || c.relativeWidth() >= MAX_RELATIVE_WIDTH)
          .as("%s %s network: %s", nothing, architecture, c)
          .isTrue();
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
    Files.writeString(dir.resolve(ModelFiles.NETWORK_FILE), "{\"format\": 3}");
    assertThatThrownBy(() -> ModelFiles.load(dir, "m"))
        .hasMessageContaining("field 'quantiles' is missing");
  }
}

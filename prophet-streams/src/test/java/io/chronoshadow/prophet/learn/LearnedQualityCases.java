package io.chronoshadow.prophet.learn;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.chronoshadow.prophet.model.HoltWintersSpec;
import io.chronoshadow.prophet.model.SeasonalNaiveSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The training outcomes the quality tests assert, in one place, so that the tests and {@code
 * LearnedSpreadBench} (which measures how far those outcomes move across seeds and CPU kernels) run
 * exactly the same procedure.
 */
public final class LearnedQualityCases {

  public static final int PERIOD = 24;
  public static final int LENGTH = 24 * 30;
  public static final int WINDOW = 48;

  private LearnedQualityCases() {}

  /** How a network is obtained for a case: trained, or a reference that learned nothing. */
  public enum Network {
    /** Trained with the given settings. */
    TRAINED,
    /** Randomly initialised (seeded), never trained. */
    UNTRAINED,
    /**
     * Every weight zero: the output is 0 in window units, so every quantile forecast is the
     * window's mean (a flat line at the recent level).
     */
    ZERO
  }

  /** Learned and seasonal naive MASE on the held-out 30% of a nonlinear daily season. */
  public record Season(double learnedMase, double naiveMase, int origins) {
    public double ratio() {
      return learnedMase / naiveMase;
    }
  }

  /**
   * Trains on the first 70% of {@link NonlinearSeries} (noise seed {@code seriesSeed}) and rolls
   * 12-step forecasts every 6 steps over the rest, against seasonal naive refitted at each origin.
   */
  public static Season season(
      Architecture architecture, long seriesSeed, TrainingSettings settings, Network network) {
    double[] y = NonlinearSeries.generate(LENGTH, PERIOD, seriesSeed);
    SeriesHistory full = new SeriesHistory("nonlinear", y, 0, PERIOD);
    int firstOrigin = (int) (LENGTH * 0.7);
    NetworkSpec spec = NetworkSpec.small(architecture, WINDOW, 12);
    try (LearnedForecaster model =
        forecaster(spec, settings, List.of(full.prefix(firstOrigin)), network)) {
      LearnedBacktest.Result r =
          LearnedBacktest.run(model, new SeasonalNaiveSpec(PERIOD), full, firstOrigin, 6, PERIOD);
      return new Season(r.learnedMase(), r.statisticalMase(), r.origins());
    }
  }

  /**
   * One-step 10%–90% intervals over the held-out 30% (every origin): the share of outcomes inside,
   * and the mean width relative to {@link #IDEAL_WIDTH}.
   */
  public record Coverage(double inside, double relativeWidth) {}

  /**
   * The width of the 10%–90% interval of the series' own noise (normal, sd 4): what a model that
   * knew the season exactly would give one step ahead.
   */
  public static final double IDEAL_WIDTH = 2 * 1.2816 * 4;

  public static Coverage coverage(
      Architecture architecture, long seriesSeed, TrainingSettings settings, Network network) {
    double[] y = NonlinearSeries.generate(LENGTH, PERIOD, seriesSeed);
    SeriesHistory full = new SeriesHistory("s", y, 0, PERIOD);
    int split = (int) (LENGTH * 0.7);
    try (LearnedForecaster model =
        forecaster(
            NetworkSpec.small(architecture, WINDOW, 1),
            settings,
            List.of(full.prefix(split)),
            network)) {
      int inside = 0;
      int total = 0;
      double width = 0;
      for (int origin = split; origin < LENGTH; origin++) {
        QuantileForecast f = model.forecast(full.prefix(origin));
        if (y[origin] >= f.lowest(1) && y[origin] <= f.highest(1)) {
          inside++;
        }
        width += f.highest(1) - f.lowest(1);
        total++;
      }
      return new Coverage((double) inside / total, width / total / IDEAL_WIDTH);
    }
  }

  /**
   * What {@code TrainingService} decides in {@code LearningLifecycleTest}: one network trained on
   * the first 70% of three 16-day series (noise seeds {@code firstSeriesSeed}, +1, +2), each
   * backtested (6 ahead, every 6 steps) against Holt-Winters. Returns the three results.
   */
  public static List<LearnedBacktest.Result> lifecycle(
      Architecture architecture, long firstSeriesSeed, TrainingSettings settings, Network network) {
    List<SeriesHistory> histories = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      histories.add(
          new SeriesHistory(
              "s" + i,
              NonlinearSeries.generate(PERIOD * 16, PERIOD, firstSeriesSeed + i),
              0,
              PERIOD));
    }
    int firstOrigin = (int) Math.floor(PERIOD * 16 * (1 - 0.3));
    List<SeriesHistory> training = histories.stream().map(h -> h.prefix(firstOrigin)).toList();
    try (LearnedForecaster model =
        forecaster(NetworkSpec.small(architecture, WINDOW, 6), settings, training, network)) {
      List<LearnedBacktest.Result> results = new ArrayList<>();
      for (SeriesHistory h : histories) {
        results.add(
            LearnedBacktest.run(
                model, new HoltWintersSpec(PERIOD, false, false), h, firstOrigin, 6, PERIOD));
      }
      return results;
    }
  }

  static LearnedForecaster forecaster(
      NetworkSpec spec, TrainingSettings settings, List<SeriesHistory> series, Network network) {
    if (network == Network.TRAINED) {
      return NetworkTrainer.train("m", spec, settings, series).forecaster();
    }
    Engine.getEngine("PyTorch").setRandomSeed((int) settings.seed());
    Model model = Model.newInstance("reference", Device.cpu(), "PyTorch");
    Block block = spec.newBlock();
    model.setBlock(block);
    block.initialize(
        model.getNDManager(), DataType.FLOAT32, new Shape(1, spec.window(), NetworkSpec.FEATURES));
    if (network == Network.ZERO) {
      for (Pair<String, Parameter> p : block.getParameters()) {
        p.getValue().getArray().muli(0);
      }
    }
    return new LearnedForecaster(model, spec);
  }
}

package io.chronoshadow.prophet.bench;

import io.chronoshadow.prophet.eval.SyntheticSpec;
import io.chronoshadow.prophet.eval.SyntheticSuite;
import io.chronoshadow.prophet.eval.Table;
import io.chronoshadow.prophet.learn.Architecture;
import io.chronoshadow.prophet.learn.DjlRuntime;
import io.chronoshadow.prophet.learn.LearnedBacktest;
import io.chronoshadow.prophet.learn.LearnedForecaster;
import io.chronoshadow.prophet.learn.NetworkSpec;
import io.chronoshadow.prophet.learn.NetworkTrainer;
import io.chronoshadow.prophet.learn.SeriesHistory;
import io.chronoshadow.prophet.learn.TrainingSettings;
import io.chronoshadow.prophet.model.ModelKind;
import io.chronoshadow.prophet.model.ModelSpec;
import io.chronoshadow.prophet.model.SeasonalNaiveSpec;
import io.chronoshadow.prophet.select.BacktestSelector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Learned-model benchmark (run on demand, not a test). For each family (LSTM, transformer):
 * training time per epoch on the synthetic suite, inference latency per call at batch 1 and 64
 * (each call timed), the process's peak resident memory (libtorch's native memory is outside the
 * Java heap, so the heap alone would understate it), and the suite's backtest MASE/sMAPE beside
 * seasonal naive and the statistical model the selector chooses, on the same origins.
 *
 * <pre>
 *   java -cp TEST_AND_MAIN_CLASSES:DEPENDENCIES io.chronoshadow.prophet.bench.LearnedBench \
 *       [epochs=40] [inferenceCalls=2000] [seed=1]
 * </pre>
 */
public final class LearnedBench {

  private static final int WINDOW = 48;
  private static final int HORIZON = 12;

  private LearnedBench() {}

  public static void main(String[] args) throws Exception {
    int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    int calls = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
    Path cache = Files.createTempDirectory("learned-bench");
    String version = DjlRuntime.start(DjlRuntime.Settings.defaults(cache));
    System.out.printf(
        Locale.ROOT,
        "LearnedBench: PyTorch %s, 1 intra-op + 1 inter-op thread, window %d, horizon %d,"
            + " max %d epochs, java %s%n",
        version,
        WINDOW,
        HORIZON,
        epochs,
        System.getProperty("java.version"));

    List<SeriesHistory> suite = new ArrayList<>();
    for (SyntheticSpec spec : SyntheticSuite.standard()) {
      double[] y = SyntheticSuite.generate(spec, seed).values();
      suite.add(new SeriesHistory(spec.name(), y, 0, Math.max(1, spec.period())));
    }

    Table cost =
        new Table(
            List.of(
                "model",
                "samples",
                "epochs",
                "ms/epoch",
                "b1 p50 ms",
                "b1 p99 ms",
                "b64 p50 ms",
                "b64 p99 ms",
                "b64 ms/series",
                "peak RSS MB"));
    Table quality =
        new Table(
            List.of(
                "series",
                "origins",
                "snaive MASE",
                "statistical",
                "stat MASE",
                "lstm MASE",
                "transformer MASE",
                "stat sMAPE",
                "lstm sMAPE",
                "transformer sMAPE"));
    List<ModelSpec> chosen = new ArrayList<>();
    for (SeriesHistory s : suite) {
      int origin = firstOrigin(s);
      chosen.add(
          BacktestSelector.forHistory(origin, HORIZON)
              .select(Arrays.copyOf(s.values(), origin), ModelKind.allAt(s.period()), s.period())
              .chosen());
    }
    // per family, per series: against seasonal naive, and against the statistical choice
    List<List<LearnedBacktest.Result>> versusNaive = new ArrayList<>();
    List<List<LearnedBacktest.Result>> versusChosen = new ArrayList<>();
    for (Architecture architecture : Architecture.values()) {
      NetworkSpec net = NetworkSpec.small(architecture, WINDOW, HORIZON);
      List<SeriesHistory> trainingParts =
          suite.stream().map(s -> s.prefix(firstOrigin(s))).toList();
      NetworkTrainer.Trained trained =
          NetworkTrainer.train(
              "bench-" + architecture.label(),
              net,
              TrainingSettings.defaults(seed).withEpochs(epochs),
              trainingParts);
      try (LearnedForecaster model = trained.forecaster()) {
        double[] b1 = time(model, suite, 1, calls);
        double[] b64 = time(model, suite, 64, Math.max(50, calls / 20));
        List<LearnedBacktest.Result> naive = new ArrayList<>();
        List<LearnedBacktest.Result> statistical = new ArrayList<>();
        for (int i = 0; i < suite.size(); i++) {
          SeriesHistory s = suite.get(i);
          naive.add(
              LearnedBacktest.run(
                  model,
                  new SeasonalNaiveSpec(s.period()),
                  s,
                  firstOrigin(s),
                  HORIZON,
                  s.period()));
          statistical.add(
              LearnedBacktest.run(model, chosen.get(i), s, firstOrigin(s), HORIZON, s.period()));
        }
        versusNaive.add(naive);
        versusChosen.add(statistical);
        cost.row(
            architecture.label(),
            trained.report().samples(),
            trained.report().epochs(),
            trained.report().meanEpochMillis(),
            b1[0],
            b1[1],
            b64[0],
            b64[1],
            b64[0] / 64,
            peakRssMb());
      }
    }
    for (int i = 0; i < suite.size(); i++) {
      LearnedBacktest.Result lstm = versusChosen.get(0).get(i);
      LearnedBacktest.Result transformer = versusChosen.get(1).get(i);
      quality.row(
          suite.get(i).id(),
          lstm.origins(),
          versusNaive.get(0).get(i).statisticalMase(),
          chosen.get(i).name(),
          lstm.statisticalMase(),
          lstm.learnedMase(),
          transformer.learnedMase(),
          lstm.statisticalSmape(),
          lstm.learnedSmape(),
          transformer.learnedSmape());
    }
    System.out.println();
    System.out.println("Cost (one thread each for intra- and inter-op):");
    System.out.println(cost);
    System.out.println(
        "Backtest on the synthetic suite (trained on the first 70%, rolling origins every "
            + HORIZON
            + " steps over the rest, horizons 1.."
            + HORIZON
            + "; MASE < 1 beats seasonal naive's in-sample one-step error):");
    System.out.println(quality);
  }

  private static int firstOrigin(SeriesHistory s) {
    return (int) (s.values().length * 0.7);
  }

  /** p50 and p99 in ms of {@code calls} forecast calls of {@code batch} series each. */
  private static double[] time(
      LearnedForecaster model, List<SeriesHistory> suite, int batch, int calls) {
    List<SeriesHistory> inputs = new ArrayList<>();
    for (int b = 0; b < batch; b++) {
      SeriesHistory s = suite.get(b % suite.size());
      inputs.add(s.prefix(firstOrigin(s) + b / suite.size()));
    }
    for (int i = 0; i < Math.min(200, calls); i++) {
      model.forecastBatch(inputs);
    }
    List<Long> nanos = new ArrayList<>(calls);
    for (int i = 0; i < calls; i++) {
      long t0 = System.nanoTime();
      model.forecastBatch(inputs);
      nanos.add(System.nanoTime() - t0);
    }
    Collections.sort(nanos);
    return new double[] {
      nanos.get(calls / 2) / 1e6, nanos.get(Math.min(calls - 1, (int) (calls * 0.99))) / 1e6
    };
  }

  private static double peakRssMb() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
      }
    }
    return Double.NaN;
  }
}

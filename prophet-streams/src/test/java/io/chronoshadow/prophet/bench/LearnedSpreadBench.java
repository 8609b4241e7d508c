package io.chronoshadow.prophet.bench;

import io.chronoshadow.prophet.eval.Table;
import io.chronoshadow.prophet.learn.Architecture;
import io.chronoshadow.prophet.learn.DjlRuntime;
import io.chronoshadow.prophet.learn.LearnedBacktest;
import io.chronoshadow.prophet.learn.LearnedQualityCases;
import io.chronoshadow.prophet.learn.LearnedQualityCases.Network;
import io.chronoshadow.prophet.learn.TrainingSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How far the learned models' quality outcomes move across seeds (training seed and the series'
 * noise seed together) on this CPU (run not a test): the cases of {@link LearnedQualityCases},
 * which the quality tests assert, each against the references that learned nothing (an untrained
 * network, an all-zero one, one epoch). Run it under different libtorch kernels ({@code
 * ATEN_CPU_CAPABILITY=default|avx2|avx512}) to see the spread across CPUs too.
 *
 * <pre>
 *   java -cp TEST_AND_MAIN_CLASSES:DEPENDENCIES io.chronoshadow.prophet.bench.LearnedSpreadBench \
 *       [seeds=10] [cases=season,coverage,lifecycle]
 * </pre>
 *
 * <p>{@code -Dfamilies=LSTM,TRANSFORMER} and {@code -Dnetworks=trained,1 epoch,untrained,zero}
 * narrow a run.
 */
public final class LearnedSpreadBench {

  private LearnedSpreadBench() {}

  public static void main(String[] args) throws Exception {
    int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    List<String> cases =
        Arrays.asList((args.length > 1 ? args[1] : "season,coverage,lifecycle").split(","));
    List<String> networks =
        Arrays.asList(System.getProperty("networks", "trained,1 epoch,untrained,zero").split(","));
    List<Architecture> families =
        Arrays.stream(System.getProperty("families", "LSTM,TRANSFORMER").split(","))
            .map(Architecture::valueOf)
            .toList();
    Path cache = Files.createTempDirectory("learned-spread");
    String version = DjlRuntime.start(DjlRuntime.Settings.defaults(cache));
    System.out.printf(
        Locale.ROOT,
        "LearnedSpreadBench: PyTorch %s, ATEN_CPU_CAPABILITY=%s, MKL_ENABLE_INSTRUCTIONS=%s,"
            + " ONEDNN_MAX_CPU_ISA=%s, %d seeds, training %s%n",
        version,
        System.getenv("ATEN_CPU_CAPABILITY"),
        System.getenv("MKL_ENABLE_INSTRUCTIONS"),
        System.getenv("ONEDNN_MAX_CPU_ISA"),
        seeds,
        TrainingSettings.defaults(0));
    Map<String, List<Double>> ratios = new LinkedHashMap<>();
    for (String c : cases) {
      Table table = new Table(header(c));
      for (Architecture a : families) {
        for (String network : networks) {
          // the references learned nothing, so a few seeds show where they land
          int n = network.equals("trained") ? seeds : Math.min(seeds, 3);
          for (int k = 1; k <= n; k++) {
            long seriesSeed = k;
            TrainingSettings settings = TrainingSettings.defaults(100 + k);
            if (network.equals("1 epoch")) {
              settings = settings.withEpochs(1);
            }
            Network kind =
                switch (network) {
                  case "untrained" -> Network.UNTRAINED;
                  case "zero" -> Network.ZERO;
                  default -> Network.TRAINED;
                };
            String key = c + " | " + a.label() + " | " + network;
            String seed = seriesSeed + "/" + settings.seed();
            switch (c) {
              case "season" -> {
                var r = LearnedQualityCases.season(a, seriesSeed, settings, kind);
                table.row(a.label(), network, seed, r.learnedMase(), r.naiveMase(), r.ratio());
                add(ratios, key, r.ratio());
              }
              case "coverage" -> {
                var cover = LearnedQualityCases.coverage(a, seriesSeed, settings, kind);
                table.row(a.label(), network, seed, cover.inside(), cover.relativeWidth());
                add(ratios, key, cover.inside());
                add(ratios, key.replace("coverage", "width"), cover.relativeWidth());
              }
              case "lifecycle" -> {
                List<LearnedBacktest.Result> rs =
                    LearnedQualityCases.lifecycle(a, 20 + 3 * (k - 1), settings, kind);
                double best = Double.POSITIVE_INFINITY;
                List<Object> row = new ArrayList<>(List.of(a.label(), network, seed));
                for (LearnedBacktest.Result r : rs) {
                  double ratio = r.learnedMase() / r.statisticalMase();
                  row.add(ratio);
                  best = Math.min(best, ratio);
                }
                row.add(best);
                table.row(row.toArray());
                add(ratios, key, best);
              }
              default -> throw new IllegalArgumentException("unknown case " + c);
            }
          }
        }
      }
      System.out.println();
      System.out.println(describe(c));
      System.out.println(table);
    }
    Table summary = new Table(List.of("case | family | network", "runs", "min", "median", "max"));
    ratios.forEach(
        (key, values) -> {
          double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
          summary.row(key, v.length, v[0], median(v), v[v.length - 1]);
        });
    System.out.println(
        "Summary (season: learned/snaive MASE ratio; coverage: share inside 10-90%; width: over"
            + " the ideal;");
    System.out.println("lifecycle: best learned/Holt-Winters MASE ratio of the 3 series):");
    System.out.println(summary);
  }

  private static List<String> header(String c) {
    return switch (c) {
      case "season" ->
          List.of("family", "network", "seeds", "learned MASE", "snaive MASE", "ratio");
      case "coverage" -> List.of("family", "network", "seeds", "inside 10-90%", "width / ideal");
      case "lifecycle" ->
          List.of("family", "network", "seeds", "s0 ratio", "s1 ratio", "s2 ratio", "best");
      default -> throw new IllegalArgumentException("unknown case " + c);
    };
  }

  private static String describe(String c) {
    return switch (c) {
      case "season" ->
          "season: nonlinear daily season, 30 days, trained on 70%, 12 ahead every 6 steps,"
              + " learned vs seasonal naive MASE (seeds: series noise / training)";
      case "coverage" ->
          "coverage: one step ahead over the held-out 30%, nominal 80%; width: mean 10-90% width"
              + " over the noise's own (2 x 1.2816 x 4)";
      case "lifecycle" ->
          "lifecycle: three 16-day series, one network, 6 ahead every 6 steps, learned/Holt-Winters"
              + " MASE per series";
      default -> c;
    };
  }

  private static void add(Map<String, List<Double>> m, String key, double v) {
    m.computeIfAbsent(key, k -> new ArrayList<>()).add(v);
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}

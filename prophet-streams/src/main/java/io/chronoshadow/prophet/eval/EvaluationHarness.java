package io.chronoshadow.prophet.eval;

import io.chronoshadow.prophet.anomaly.Coverage;
import io.chronoshadow.prophet.anomaly.DetectorConfig;
import io.chronoshadow.prophet.anomaly.ModelChoice;
import io.chronoshadow.prophet.engine.AlarmRates;
import io.chronoshadow.prophet.model.ModelKind;
import io.chronoshadow.prophet.model.SeasonalityDetector;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Command-line evaluation of forecasters and detectors on CSV series (see {@link CsvSeries}).
 *
 * <pre>
 *   --csv PATH         a CSV file or a directory of *.csv (repeatable)
 *   --generate DIR     write the synthetic suite into DIR and evaluate it
 *   --seed N           seed for --generate (default 1)
 *   --model NAME       auto | snaive | hw | hw-damped | hw-robust | hw-damped-robust (default auto)
 *   --horizon H        forecast horizon in steps (default 12)
 *   --season M|auto    season length in steps (default auto: ACF over hour/day/week in steps)
 *   --delay D          steps after an anomaly's start that still count as detecting it (default 3)
 *   --mode MODE        forecast | detect | both (default both)
 *   --warnings-per-month W, --criticals-per-year C
 *                      how often a calibrated clean series may alarm (default 1 and 1): with each
 *                      series' step, these set the detector's thresholds
 * </pre>
 *
 * A series whose every value is a whole number is scored as a count (no interval narrower than one;
 * see {@code DetectorConfig#countUnit}).
 */
public final class EvaluationHarness {
  private EvaluationHarness() {}

  public static void main(String[] args) throws IOException {
    try {
      run(Options.parse(args), System.out);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println(
          "usage: EvaluationHarness (--csv PATH)... | --generate DIR [--seed N] [--model NAME]"
              + " [--horizon H] [--season M|auto] [--delay D] [--mode forecast|detect|both]"
              + " [--warnings-per-month W] [--criticals-per-year C]");
      System.exit(2);
    }
  }

  record Options(
      List<Path> csv,
      Path generate,
      long seed,
      Optional<ModelKind> model,
      int horizon,
      int season,
      int delay,
      boolean forecast,
      boolean detect,
      AlarmRates alarms) {
    static Options parse(String[] args) {
      List<Path> csv = new ArrayList<>();
      Path generate = null;
      long seed = 1;
      Optional<ModelKind> model = Optional.empty();
      int horizon = 12, season = 0, delay = 3;
      String mode = "both";
      double warnings = AlarmRates.DEFAULT_WARNINGS_PER_MONTH;
      double criticals = AlarmRates.DEFAULT_CRITICALS_PER_YEAR;
      for (int i = 0; i < args.length; i++) {
        String flag = args[i];
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(flag + " needs a value");
        }
        String value = args[++i];
        switch (flag) {
          case "--csv" -> csv.add(Path.of(value));
          case "--generate" -> generate = Path.of(value);
          case "--seed" -> seed = Long.parseLong(value);
          case "--model" -> model = parseModel(value);
          case "--horizon" -> horizon = Integer.parseInt(value);
          case "--season" -> season = value.equals("auto") ? 0 : Integer.parseInt(value);
          case "--delay" -> delay = Integer.parseInt(value);
          case "--mode" -> mode = value;
          case "--warnings-per-month" -> warnings = Double.parseDouble(value);
          case "--criticals-per-year" -> criticals = Double.parseDouble(value);
          default -> throw new IllegalArgumentException("unknown option " + flag);
        }
      }
      if (csv.isEmpty() && generate == null) {
        throw new IllegalArgumentException("give --csv or --generate");
      }
      if (!List.of("forecast", "detect", "both").contains(mode)) {
        throw new IllegalArgumentException("unknown mode " + mode);
      }
      return new Options(
          csv,
          generate,
          seed,
          model,
          horizon,
          season,
          delay,
          !mode.equals("detect"),
          !mode.equals("forecast"),
          new AlarmRates(warnings, criticals));
    }

    static Optional<ModelKind> parseModel(String name) {
      return ModelKind.fromName(name);
    }
  }

  static void run(Options options, PrintStream out) throws IOException {
    List<Path> files = new ArrayList<>();
    if (options.generate() != null) {
      files.addAll(SyntheticSuite.writeStandard(options.generate(), options.seed()));
      out.println("wrote synthetic suite (seed " + options.seed() + ") to " + options.generate());
    }
    for (Path p : options.csv()) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> listing = Files.list(p)) {
          listing.filter(f -> f.toString().endsWith(".csv")).sorted().forEach(files::add);
        }
      } else {
        files.add(p);
      }
    }
    List<LabeledSeries> series = files.stream().map(CsvSeries::read).toList();
    if (options.forecast()) {
      out.println();
      out.println(
          "Forecast accuracy (fit on the first 60%, then one-step updates; h = 1.."
              + options.horizon()
              + ")");
      out.print(forecastTable(series, options));
    }
    if (options.detect()) {
      out.println();
      out.println(
          "Anomaly detection (alarms = warning or critical; delay D = "
              + options.delay()
              + " steps)");
      out.print(detectionTable(series, options));
    }
  }

  private static Table forecastTable(List<LabeledSeries> series, Options options) {
    Table table = new Table(ForecastEvaluation.header());
    ForecastEvaluation evaluation = new ForecastEvaluation(0.6);
    for (LabeledSeries s : series) {
      int period = options.season() > 0 ? options.season() : detectPeriod(s);
      ForecastScore f = evaluation.evaluate(s, options.model(), period, options.horizon());
      table.row(
          f.series(),
          f.model(),
          f.period(),
          f.horizon(),
          f.smape(),
          f.mase(),
          f.seasonalNaiveMase(),
          f.coverage80(),
          f.forecasts());
    }
    return table;
  }

  private static Table detectionTable(List<LabeledSeries> series, Options options) {
    Table table =
        new Table(
            List.of(
                "series",
                "model",
                "warmup",
                "windows",
                "detected",
                "alarms",
                "false",
                "precision",
                "recall",
                "F1",
                "delay",
                "cov80",
                "cov95"));
    List<DetectionScore> scores = new ArrayList<>();
    Coverage pooled = Coverage.NONE;
    for (LabeledSeries s : series) {
      DetectorConfig config = detectorConfig(s, options);
      DetectionEvaluation.Outcome o = DetectionEvaluation.evaluate(s, config, options.delay());
      scores.add(o.score());
      pooled = pooled.plus(o.coverage());
      addRow(table, s.name(), o.model(), String.valueOf(o.warmupSteps()), o.score(), o.coverage());
    }
    addRow(table, "ALL (pooled)", "", "", DetectionScore.pooled(scores), pooled);
    return table;
  }

  static DetectorConfig detectorConfig(LabeledSeries s, Options options) {
    DetectorConfig config =
        DetectorConfig.defaults(s.name(), s.name())
            .withPeriod(options.season() > 0 ? options.season() : detectPeriod(s))
            .withModel(
                options
                    .model()
                    .<ModelChoice>map(ModelChoice::fixed)
                    .orElse(ModelChoice.backtestedDefault()))
            .withThresholds(options.alarms().thresholds(s.series().step()));
    return wholeNumbers(s.values()) ? config.withCounts(1, false) : config;
  }

  private static boolean wholeNumbers(double[] y) {
    boolean any = false;
    for (double v : y) {
      if (Double.isNaN(v)) {
        continue;
      }
      if (v != Math.rint(v)) {
        return false;
      }
      any = true;
    }
    return any;
  }

  private static void addRow(
      Table t, String name, String model, String warmup, DetectionScore d, Coverage c) {
    t.row(
        name,
        model,
        warmup,
        d.windows(),
        d.detectedWindows(),
        d.alarmEvents(),
        d.alarmEvents() - d.trueAlarmEvents(),
        d.precision(),
        d.recall(),
        d.f1(),
        d.meanDelaySteps(),
        c.coverage80(),
        c.coverage95());
  }

  /**
   * The harness knows the whole file, so it detects the season once up front (the streaming
   * detector would do the same at the end of its warm-up).
   */
  static int detectPeriod(LabeledSeries s) {
    double[] y = s.values();
    double[] head = java.util.Arrays.copyOf(y, Math.max(2, (int) (0.6 * y.length)));
    return SeasonalityDetector.forStep(s.series().step()).detect(head);
  }
}

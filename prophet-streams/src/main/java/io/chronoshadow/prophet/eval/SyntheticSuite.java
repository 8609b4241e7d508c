package io.chronoshadow.prophet.eval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Generates labelled synthetic series with known structure; deterministic per seed. */
public final class SyntheticSuite {
  /** Steps start here so that generated files are identical across runs. */
  public static final Instant START = Instant.parse("2026-01-05T00:00:00Z");

  private SyntheticSuite() {}

  /** The standard suite: hourly/daily/15-minute shapes, with and without trend and anomalies. */
  public static List<SyntheticSpec> standard() {
    Duration hour = Duration.ofHours(1);
    return List.of(
        new SyntheticSpec(
            "hourly_trend_daily", 24 * 40, hour, 12_000, 2, 24, 800, 60, 4, 4, 2, 7, 12, 24 * 5),
        new SyntheticSpec(
            "hourly_flat_daily", 24 * 40, hour, 500, 0, 24, 40, 4, 4, 4, 2, 7, 12, 24 * 5),
        new SyntheticSpec(
            "daily_weekly",
            7 * 80,
            Duration.ofDays(1),
            3_000,
            1.5,
            7,
            300,
            40,
            3,
            3,
            2,
            7,
            12,
            7 * 10),
        new SyntheticSpec(
            "quarter_hour_trend",
            1_200,
            Duration.ofMinutes(15),
            100,
            0.05,
            1,
            0,
            2,
            4,
            4,
            2,
            7,
            12,
            150),
        new SyntheticSpec(
            "hourly_noisy", 24 * 40, hour, 2_000, -0.5, 24, 150, 40, 4, 4, 2, 7, 12, 24 * 5),
        new SyntheticSpec(
            "hourly_clean", 24 * 40, hour, 12_000, 2, 24, 800, 60, 0, 0, 0, 7, 12, 24 * 5));
  }

  public static LabeledSeries generate(SyntheticSpec spec, long seed) {
    SplittableRandom random = new SplittableRandom(seed ^ spec.name().hashCode());
    int n = spec.length();
    double[] values = new double[n];
    boolean[] labels = new boolean[n];
    for (int t = 0; t < n; t++) {
      double seasonal =
          spec.period() > 1 ? spec.amplitude() * Math.sin(2 * Math.PI * t / spec.period()) : 0;
      values[t] =
          spec.level() + spec.trendPerStep() * t + seasonal + gaussian(random) * spec.noiseSd();
    }
    List<Integer> positions = positions(spec, random);
    int k = 0;
    for (int i = 0; i < spec.spikes() + spec.dips() + spec.levelShifts(); i++) {
      int at = positions.get(k++);
      double size =
          (spec.magnitudeMin() + random.nextDouble() * (spec.magnitudeMax() - spec.magnitudeMin()))
              * spec.noiseSd();
      labels[at] = true;
      if (i < spec.spikes()) {
        values[at] += size;
      } else if (i < spec.spikes() + spec.dips()) {
        values[at] -= size;
      } else {
        double signed = random.nextBoolean() ? size : -size;
        for (int t = at; t < n; t++) {
          values[t] += signed;
        }
      }
    }
    return LabeledSeries.of(spec.name(), START, spec.step(), values, labels);
  }

  /** Writes the standard suite as {@code <name>.csv} files into {@code dir}. */
  public static List<Path> writeStandard(Path dir, long seed) throws java.io.IOException {
    Files.createDirectories(dir);
    List<Path> files = new ArrayList<>();
    for (SyntheticSpec spec : standard()) {
      Path file = dir.resolve(spec.name() + ".csv");
      CsvSeries.write(generate(spec, seed), file);
      files.add(file);
    }
    return files;
  }

  /**
   * Anomaly positions after the quiet prefix, at least 12 steps (and a season) apart so that one
   * anomaly's detection window never overlaps the next.
   */
  private static List<Integer> positions(SyntheticSpec spec, SplittableRandom random) {
    int count = spec.spikes() + spec.dips() + spec.levelShifts();
    int gap = Math.max(12, spec.period());
    int span = spec.length() - spec.quietPrefix() - gap;
    if (count > 0 && span < count * gap) {
      throw new IllegalArgumentException(spec.name() + ": too short for " + count + " anomalies");
    }
    List<Integer> chosen = new ArrayList<>();
    while (chosen.size() < count) {
      int candidate = spec.quietPrefix() + random.nextInt(span);
      boolean clear = chosen.stream().allMatch(p -> Math.abs(p - candidate) >= gap);
      if (clear) {
        chosen.add(candidate);
      }
    }
    // Random order of kinds over positions comes from the draw order; sorting is not needed.
    return chosen;
  }

  private static double gaussian(SplittableRandom random) {
    // Box-Muller; SplittableRandom has no nextGaussian on Java 17.
    double u1 = 1 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}

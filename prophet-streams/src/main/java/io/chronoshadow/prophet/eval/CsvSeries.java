package io.chronoshadow.prophet.eval;

import io.chronoshadow.prophet.series.RegularSeries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CSV form of a labelled series: {@code timestamp,value[,label]}, an optional header line, the
 * timestamp as ISO-8601 instant or epoch milliseconds, an empty or {@code NaN} value for a missing
 * step, label 1 for an anomalous step (0 or absent otherwise). Rows must be consecutive regular
 * steps (the step is taken from the first two rows and every later row is checked against it);
 * resample irregular data with {@link io.chronoshadow.prophet.series.Resampler} first.
 */
public final class CsvSeries {
  private CsvSeries() {}

  public static LabeledSeries read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    String name = file.getFileName().toString().replaceFirst("\\.csv$", "");
    List<Instant> times = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    List<Boolean> labels = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split(",", -1);
      Instant time;
      try {
        time = parseTime(fields[0].strip());
      } catch (DateTimeParseException | NumberFormatException e) {
        if (times.isEmpty()) {
          continue; // header
        }
        throw new IllegalArgumentException(file + ":" + (i + 1) + ": bad timestamp " + fields[0]);
      }
      if (fields.length < 2) {
        throw new IllegalArgumentException(file + ":" + (i + 1) + ": no value column");
      }
      String v = fields[1].strip();
      try {
        values.add(v.isEmpty() || v.equalsIgnoreCase("nan") ? Double.NaN : Double.parseDouble(v));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(file + ":" + (i + 1) + ": bad value " + v);
      }
      labels.add(fields.length > 2 && fields[2].strip().equals("1"));
      times.add(time);
    }
    if (times.size() < 2) {
      throw new IllegalArgumentException(file + ": fewer than two rows");
    }
    Duration step = Duration.between(times.get(0), times.get(1));
    for (int i = 1; i < times.size(); i++) {
      if (!Duration.between(times.get(i - 1), times.get(i)).equals(step)) {
        throw new IllegalArgumentException(
            file + ": row " + (i + 1) + " is not one step (" + step + ") after the previous row");
      }
    }
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    boolean[] l = new boolean[labels.size()];
    for (int i = 0; i < l.length; i++) {
      l[i] = labels.get(i);
    }
    return new LabeledSeries(name, new RegularSeries(times.get(0), step, v), l);
  }

  public static void write(LabeledSeries s, Path file) {
    StringBuilder out = new StringBuilder("timestamp,value,label\n");
    RegularSeries r = s.series();
    boolean[] labels = s.labels();
    for (int i = 0; i < r.size(); i++) {
      out.append(r.timeAt(i))
          .append(',')
          .append(String.format(Locale.ROOT, "%.6f", r.value(i)))
          .append(',')
          .append(labels[i] ? '1' : '0')
          .append('\n');
    }
    try {
      Files.writeString(file, out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static Instant parseTime(String field) {
    if (!field.isEmpty() && field.chars().allMatch(Character::isDigit)) {
      return Instant.ofEpochMilli(Long.parseLong(field));
    }
    return Instant.parse(field);
  }
}

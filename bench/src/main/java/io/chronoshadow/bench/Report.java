package io.chronoshadow.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** A titled table of measures, printed with aligned columns: measure, value, target, note. */
final class Report {

  private final String title;
  private final List<String[]> rows = new ArrayList<>();

  Report(String title) {
    this.title = title;
  }

  Report row(String measure, String value, String target, String note) {
    rows.add(new String[] {measure, value, target, note});
    return this;
  }

  /** Rows of four cells each (measure, value, target, note), in order. */
  Report rows(List<String[]> more) {
    more.forEach(r -> rows.add(r.clone()));
    return this;
  }

  Report row(String measure, String value) {
    return row(measure, value, "", "");
  }

  void print(PrintStream out) {
    String[] header = {"measure", "value", "target", "note"};
    int[] width = new int[header.length];
    for (int i = 0; i < header.length; i++) {
      width[i] = header[i].length();
      for (String[] row : rows) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    out.println();
    out.println("== " + title);
    out.println(line(header, width));
    StringBuilder rule = new StringBuilder();
    for (int w : width) {
      rule.append("-".repeat(w)).append("  ");
    }
    out.println(rule.toString().stripTrailing());
    for (String[] row : rows) {
      out.println(line(row, width));
    }
    out.flush();
  }

  private static String line(String[] cells, int[] width) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      boolean numeric = i == 1;
      String cell = cells[i];
      String pad = " ".repeat(width[i] - cell.length());
      b.append(numeric ? pad + cell : cell + pad).append("  ");
    }
    return b.toString().stripTrailing();
  }

  static String f0(double v) {
    return String.format("%,.0f", v);
  }

  static String f1(double v) {
    return String.format("%,.1f", v);
  }

  static String f2(double v) {
    return String.format("%.2f", v);
  }

  static String ms(double nanos) {
    return String.format("%,.0f ms", nanos / 1e6);
  }

  static String bytes(long bytes) {
    if (Math.abs(bytes) >= 10L * 1024 * 1024) {
      return String.format("%,.1f MiB", bytes / 1024.0 / 1024.0);
    }
    return String.format("%,.1f KiB", bytes / 1024.0);
  }

  /** The p-quantile (nearest rank) of sorted values. */
  static double percentile(List<? extends Number> sorted, double p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))).doubleValue();
  }
}

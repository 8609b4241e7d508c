package io.chronoshadow.prophet.eval;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with columns padded to their widest cell (numbers right-aligned). */
public final class Table {
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  public Table(List<String> header) {
    this.header = List.copyOf(header);
  }

  public Table row(Object... cells) {
    List<String> row = new ArrayList<>();
    for (Object c : cells) {
      row.add(c instanceof Double d ? format(d) : String.valueOf(c));
    }
    rows.add(row);
    return this;
  }

  public static String format(double d) {
    if (Double.isNaN(d)) {
      return "-";
    }
    return String.format(java.util.Locale.ROOT, Math.abs(d) >= 100 ? "%.1f" : "%.3f", d);
  }

  @Override
  public String toString() {
    int[] widths = new int[header.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = header.get(i).length();
      for (List<String> r : rows) {
        widths[i] = Math.max(widths[i], r.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    line(out, header, widths, false);
    for (int i = 0; i < widths.length; i++) {
      out.append(i == 0 ? "" : "-+-").append("-".repeat(widths[i]));
    }
    out.append('\n');
    for (List<String> r : rows) {
      line(out, r, widths, true);
    }
    return out.toString();
  }

  private static void line(StringBuilder out, List<String> cells, int[] widths, boolean align) {
    for (int i = 0; i < widths.length; i++) {
      String c = cells.get(i);
      boolean numeric = align && (c.matches("-?\\d.*") || c.equals("-"));
      String pad = " ".repeat(widths[i] - c.length());
      out.append(i == 0 ? "" : " | ").append(numeric ? pad + c : c + pad);
    }
    out.append('\n');
  }
}

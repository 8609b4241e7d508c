package io.chronoshadow.prophet.anomaly;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Human-readable sentences for results, e.g. "stock sum of shop.products fell 38% below the
 * expected 12,390 ± 900 at 2026-11-27 14:05 UTC". Numbers are rounded to the precision the band
 * supports (two significant digits of the half-width), so the text never claims more precision than
 * the model has. Public so that every scorer (statistical or learned) words its results alike.
 */
public final class Explanations {
  private static final DateTimeFormatter MINUTES =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private Explanations() {}

  static String warmingUp(String name, Instant time, int seen, int needed) {
    return String.format(
        Locale.ROOT,
        "%s: warming up at %s (%d of %d steps of history), no alarms yet",
        name,
        time(time),
        seen,
        needed);
  }

  static String missing(String name, Instant time, double expected, double halfWidth) {
    return String.format(
        Locale.ROOT,
        "%s: no observation at %s; expected %s",
        name,
        time(time),
        band(expected, halfWidth));
  }

  public static String scored(
      String name,
      Instant time,
      double observed,
      double expected,
      double halfWidth,
      double score,
      Severity severity,
      boolean shiftAccepted) {
    String text;
    if (severity == Severity.NONE) {
      text =
          String.format(
              Locale.ROOT,
              "%s was %s, within the expected %s at %s",
              name,
              number(observed, halfWidth),
              band(expected, halfWidth),
              time(time));
    } else {
      boolean up = observed > expected;
      String change;
      if (Math.abs(expected) > 1e-9 && Math.abs(expected) >= halfWidth / 10) {
        double percent = 100 * Math.abs(observed - expected) / Math.abs(expected);
        change =
            String.format(
                Locale.ROOT,
                "%s %s%% %s",
                up ? "rose" : "fell",
                percent(percent),
                up ? "above" : "below");
      } else {
        change =
            String.format(
                Locale.ROOT,
                "%s to %s, %s",
                up ? "rose" : "fell",
                number(observed, halfWidth),
                up ? "above" : "below");
      }
      text =
          String.format(
              Locale.ROOT,
              "%s %s the expected %s at %s (score %.1f, %s)",
              name,
              change,
              band(expected, halfWidth),
              time(time),
              score,
              severity.name().toLowerCase(Locale.ROOT));
    }
    if (shiftAccepted) {
      text += "; the new level has persisted and is now accepted as normal";
    }
    return text;
  }

  private static String band(double expected, double halfWidth) {
    return number(expected, halfWidth) + " ± " + number(halfWidth, halfWidth);
  }

  /** {@code value} rounded to two significant digits of {@code precision}, with grouping. */
  static String number(double value, double precision) {
    if (!Double.isFinite(value)) {
      return String.valueOf(value);
    }
    int decimals = 0;
    if (precision > 0 && Double.isFinite(precision)) {
      int exponent = (int) Math.floor(Math.log10(precision)) - 1;
      if (exponent > 0) {
        double unit = Math.pow(10, exponent);
        value = Math.round(value / unit) * unit;
      } else {
        decimals = Math.min(6, -exponent);
      }
    }
    return String.format(Locale.US, "%,." + decimals + "f", value);
  }

  private static String percent(double percent) {
    if (percent >= 10) {
      return String.format(Locale.ROOT, "%.0f", percent);
    }
    return percent >= 1
        ? String.format(Locale.ROOT, "%.1f", percent)
        : String.format(Locale.ROOT, "%.2g", percent);
  }

  private static String time(Instant time) {
    return (time.getEpochSecond() % 60 == 0 && time.getNano() == 0 ? MINUTES : SECONDS)
        .format(time);
  }
}

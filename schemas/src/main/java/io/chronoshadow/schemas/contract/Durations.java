package io.chronoshadow.schemas.contract;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in config and on the command line: ISO-8601 ({@code PT1H}, {@code
 * P1D}) or a shorthand of one or more number+unit parts ({@code 1h}, {@code 15m}, {@code 30s},
 * {@code 500ms}, {@code 1d}, {@code 1h30m}). Units: d, h, m, s, ms; lowercase only, so that {@code
 * m} can never be mistaken for months.
 */
public final class Durations {

  private static final Pattern SHORTHAND = Pattern.compile("(?:\\d+(?:ms|d|h|m|s))+");
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|d|h|m|s)");

  private Durations() {}

  /** The duration, or empty if {@code text} is neither ISO-8601 nor shorthand. */
  public static Optional<Duration> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String trimmed = text.trim();
    if (SHORTHAND.matcher(trimmed).matches()) {
      return parseShorthand(trimmed);
    }
    try {
      return Optional.of(Duration.parse(trimmed));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Optional<Duration> parseShorthand(String text) {
    Duration total = Duration.ZERO;
    Matcher m = PART.matcher(text);
    try {
      while (m.find()) {
        long n = Long.parseLong(m.group(1));
        total =
            total.plus(
                switch (m.group(2)) {
                  case "d" -> Duration.ofDays(n);
                  case "h" -> Duration.ofHours(n);
                  case "m" -> Duration.ofMinutes(n);
                  case "s" -> Duration.ofSeconds(n);
                  default -> Duration.ofMillis(n);
                });
      }
    } catch (ArithmeticException | NumberFormatException e) {
      return Optional.empty();
    }
    return Optional.of(total);
  }

  /** Compact human form used in messages, e.g. {@code 1h30m}, {@code 10m}, {@code 1s500ms}. */
  public static String shorthand(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    if (d.isNegative()) {
      return "-" + shorthand(d.negated());
    }
    StringBuilder sb = new StringBuilder();
    append(sb, d.toDays(), "d");
    append(sb, d.toHoursPart(), "h");
    append(sb, d.toMinutesPart(), "m");
    append(sb, d.toSecondsPart(), "s");
    append(sb, d.toMillisPart(), "ms");
    if (d.getNano() % 1_000_000 != 0) {
      // Sub-millisecond parts are invalid in policies; show them rather than hide them.
      return d.toString();
    }
    return sb.toString();
  }

  private static void append(StringBuilder sb, long value, String unit) {
    if (value != 0) {
      sb.append(value).append(unit);
    }
  }
}

package io.chronoshadow.console.demo;

import io.chronoshadow.devstack.workload.Anomaly;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An anomaly to inject a while after the demo starts, written {@code NAME@DELAY} on the command
 * line, e.g. {@code runaway-delete@5m}.
 */
public record ScheduledAnomaly(Anomaly anomaly, Duration delay) {

  private static final Pattern DELAY = Pattern.compile("(\\d+)(ms|s|m|h)");

  /** Parses {@code NAME@DELAY}; the error message says which part is wrong and what is allowed. */
  public static ScheduledAnomaly parse(String text) {
    int at = text.indexOf('@');
    if (at < 0) {
      throw new IllegalArgumentException(
          "--inject '" + text + "' must be NAME@DELAY, e.g. runaway-delete@5m");
    }
    return new ScheduledAnomaly(anomalyNamed(text.substring(0, at)), delay(text.substring(at + 1)));
  }

  /** Accepts the enum name in any case, with '-' or '_' between words. */
  public static Anomaly anomalyNamed(String name) {
    String normalized = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    try {
      return Anomaly.valueOf(normalized);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown anomaly '" + name + "' — one of " + knownAnomalies());
    }
  }

  static String knownAnomalies() {
    return String.join(
        ", ",
        Arrays.stream(Anomaly.values())
            .map(a -> a.name().toLowerCase(Locale.ROOT).replace('_', '-'))
            .toList());
  }

  private static Duration delay(String text) {
    Matcher m = DELAY.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "anomaly delay '" + text + "' must be a number with ms, s, m or h, e.g. 90s or 5m");
    }
    long amount = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      default -> Duration.ofHours(amount);
    };
  }
}

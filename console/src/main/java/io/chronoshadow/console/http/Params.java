package io.chronoshadow.console.http;

import io.chronoshadow.schemas.contract.Durations;
import io.javalin.http.Context;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/** Reading query parameters with errors that name the parameter and the accepted form. */
public final class Params {

  /**
   * The window every time parameter must fall in: wide enough for any real data, narrow enough that
   * arithmetic on it (adding a horizon, a step) can never overflow an {@link Instant}.
   */
  public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

  public static final Instant LATEST = Instant.parse("2199-12-31T23:59:59Z");

  /** Longest duration any duration parameter is read as, before its route's own bound. */
  public static final Duration MAX_DURATION = Duration.ofDays(3650);

  private Params() {}

  /** An integer in {@code [min, max]}, or {@code fallback} when absent. */
  public static int intIn(Context ctx, String name, int fallback, int min, int max) {
    String text = ctx.queryParam(name);
    if (text == null || text.isBlank()) {
      return fallback;
    }
    return (int) longIn(name, text.trim(), min, max);
  }

  /** A whole number in {@code [min, max]}; anything else (wider than a long too) is a 400. */
  public static long longIn(String name, String text, long min, long max) {
    long value;
    try {
      value = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw ApiError.badRequest(
          name, name + " must be a whole number between " + min + " and " + max);
    }
    if (value < min || value > max) {
      throw ApiError.badRequest(
          name, name + " must be between " + min + " and " + max + " (was " + value + ")");
    }
    return value;
  }

  /**
   * A positive duration, ISO-8601 ({@code PT10M}) or shorthand ({@code 10m}), at most {@code max};
   * numbers too large for a duration are the same 400 as any other out-of-range value.
   */
  public static Duration duration(String name, String text, Duration max) {
    Duration value;
    try {
      value = Durations.parse(text).orElse(null);
    } catch (ArithmeticException | NumberFormatException e) {
      value = MAX_DURATION.plusSeconds(1);
    }
    if (value == null) {
      throw ApiError.badRequest(
          name, name + " must be a duration such as PT10M or 10m (was '" + text + "')");
    }
    if (value.isNegative() || value.isZero() || value.compareTo(max) > 0) {
      throw ApiError.badRequest(
          name, name + " must be a positive duration of at most " + Durations.shorthand(max));
    }
    return value;
  }

  /** An instant in ISO-8601 with an offset ({@code 2026-01-01T10:00:00Z}), or null when absent. */
  public static Instant instant(Context ctx, String name) {
    String text = ctx.queryParam(name);
    return text == null || text.isBlank() ? null : instant(name, text.trim());
  }

  /** An instant in ISO-8601 with an offset, between {@link #EARLIEST} and {@link #LATEST}. */
  public static Instant instant(String name, String text) {
    Instant value;
    try {
      value = parseInstant(text);
    } catch (DateTimeException e) {
      throw ApiError.badRequest(
          name,
          name
              + " must be an ISO-8601 instant with an offset, e.g. 2026-01-01T10:00:00Z (was '"
              + text
              + "')");
    }
    return inWindow(name, value);
  }

  /** {@code value} if it lies between {@link #EARLIEST} and {@link #LATEST}, else a 400. */
  public static Instant inWindow(String name, Instant value) {
    if (value.isBefore(EARLIEST) || value.isAfter(LATEST)) {
      throw ApiError.badRequest(
          name, name + " must be between " + EARLIEST + " and " + LATEST + " (was " + value + ")");
    }
    return value;
  }

  private static Instant parseInstant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return OffsetDateTime.parse(text).toInstant();
    }
  }

  /** One of {@code allowed} (case-insensitive), or {@code fallback} when absent. */
  public static String oneOf(Context ctx, String name, List<String> allowed, String fallback) {
    String text = ctx.queryParam(name);
    if (text == null || text.isBlank()) {
      return fallback;
    }
    String value = text.trim().toLowerCase(Locale.ROOT);
    if (!allowed.contains(value)) {
      throw ApiError.badRequest(
          name, name + " must be one of " + String.join(", ", allowed) + " (was '" + text + "')");
    }
    return value;
  }

  /** A required query parameter. */
  public static String required(Context ctx, String name, String example) {
    String text = ctx.queryParam(name);
    if (text == null || text.isBlank()) {
      throw ApiError.badRequest(name, name + " is required, e.g. " + name + "=" + example);
    }
    return text.trim();
  }
}

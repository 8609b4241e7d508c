package io.chronoshadow.console.http;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/** Reading query parameters with errors that name the parameter and the accepted form. */
public final class Params {

  private Params() {}

  /** An integer in {@code [min, max]}, or {@code fallback} when absent. */
  public static int intIn(Context ctx, String name, int fallback, int min, int max) {
    String text = ctx.queryParam(name);
    if (text == null || text.isBlank()) {
      return fallback;
    }
    long value;
    try {
      value = Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw ApiError.badRequest(
          name, name + " must be a whole number between " + min + " and " + max);
    }
    if (value < min || value > max) {
      throw ApiError.badRequest(
          name, name + " must be between " + min + " and " + max + " (was " + value + ")");
    }
    return (int) value;
  }

  /** An instant in ISO-8601 with an offset ({@code 2026-01-01T10:00:00Z}), or null when absent. */
  public static Instant instant(Context ctx, String name) {
    String text = ctx.queryParam(name);
    return text == null || text.isBlank() ? null : instant(name, text.trim());
  }

  public static Instant instant(String name, String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException again) {
        throw ApiError.badRequest(
            name,
            name
                + " must be an ISO-8601 instant with an offset, e.g. 2026-01-01T10:00:00Z (was '"
                + text
                + "')");
      }
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

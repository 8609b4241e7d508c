package io.chronoshadow.console.http;

import io.javalin.http.Context;
import java.util.Locale;

/**
 * Refuses request paths no route of the console can mean, before routing: NUL and other control
 * characters (raw or percent-encoded) and {@code ;} path parameters, which Jetty would otherwise
 * hand over as part of a group or shadow name. A 400 with the JSON error body, not a match.
 */
final class PathGuard {

  private PathGuard() {}

  static void check(Context ctx) {
    String path = ctx.path();
    String lower = path.toLowerCase(Locale.ROOT);
    if (path.indexOf(';') >= 0 || lower.contains("%3b")) {
      throw refuse("';' is not allowed in a path (no route takes path parameters)");
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw refuse("control characters are not allowed in a path");
      }
    }
    if (lower.matches(".*%(0[0-9a-f]|1[0-9a-f]|7f).*")) {
      throw refuse("encoded control characters (e.g. %00) are not allowed in a path");
    }
  }

  private static ApiError refuse(String message) {
    return new ApiError(400, "malformed_path", message, null);
  }

  /** A path as an error message may echo it: printable and bounded. */
  static String shown(String path) {
    String printable = path.replaceAll("\\p{Cntrl}", "?");
    return printable.length() <= 200 ? printable : printable.substring(0, 200) + "…";
  }
}

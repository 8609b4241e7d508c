package io.chronoshadow.console.http;

import io.javalin.http.Context;
import java.util.Locale;

/**
 * Routes that take a JSON body refuse (415) a body declared as anything else: a form or text body
 * that happens to parse as JSON would otherwise be taken for what the client did not mean to send.
 * A request without a Content-Type is read as JSON, as minimal clients send none.
 */
final class JsonBodies {

  private JsonBodies() {}

  static void checkContentType(Context ctx) {
    String type = ctx.header("Content-Type");
    if (type == null || type.isBlank()) {
      return;
    }
    String media = type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (media.equals("application/json") || media.endsWith("+json")) {
      return;
    }
    throw new ApiError(
        415,
        "unsupported_media_type",
        "the body must be JSON sent as Content-Type: application/json (was '"
            + (media.length() > 64 ? media.substring(0, 64) + "…" : media)
            + "')",
        null);
  }
}

package io.chronoshadow.console.http;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/**
 * Checks a request's query parameters against the route's {@link ApiParam} declarations before the
 * handler does any work: lengths, repeats, integer ranges and time windows. The same declarations
 * feed the OpenAPI document, so what is documented is what is enforced. Parameters a route does not
 * declare are still bounded in length and count, since handlers never read them but the server
 * still holds them.
 */
final class ParamGuard {

  /** Most distinct query parameter names one request may carry. */
  static final int MAX_PARAMS = 32;

  private ParamGuard() {}

  static void check(ApiRoute route, Context ctx) {
    Map<String, List<String>> query = ctx.queryParamMap();
    if (query.size() > MAX_PARAMS) {
      throw ApiError.badRequest(
          null, "at most " + MAX_PARAMS + " query parameters (was " + query.size() + ")");
    }
    for (Map.Entry<String, List<String>> e : query.entrySet()) {
      ApiParam declared = declared(route, e.getKey());
      int maxLength = declared == null ? ApiParam.MAX_LENGTH : declared.maxLength();
      int maxCount = declared != null && declared.isRepeatable() ? ApiParam.MAX_REPEATS : 1;
      String name = shown(e.getKey());
      if (e.getValue().size() > maxCount) {
        throw ApiError.badRequest(
            name,
            name
                + (maxCount == 1
                    ? " may be given once"
                    : " may be given at most " + maxCount + " times")
                + " (was "
                + e.getValue().size()
                + ")");
      }
      for (String value : e.getValue()) {
        if (value.length() > maxLength) {
          throw ApiError.badRequest(
              name,
              name + " must be at most " + maxLength + " characters (was " + value.length() + ")");
        }
        if (declared != null && !value.isBlank()) {
          checkValue(declared, value.trim());
        }
      }
    }
  }

  private static void checkValue(ApiParam p, String value) {
    if (p.type().equals("integer")) {
      long min = p.minimum() == null ? Integer.MIN_VALUE : p.minimum();
      long max = p.maximum() == null ? Integer.MAX_VALUE : p.maximum();
      Params.longIn(p.name(), value, min, max);
    } else if ("date-time".equals(p.format())) {
      Params.instant(p.name(), value);
    }
  }

  private static ApiParam declared(ApiRoute route, String name) {
    for (ApiParam p : route.params()) {
      if (p.in().equals("query") && p.name().equals(name)) {
        return p;
      }
    }
    return null;
  }

  /** A parameter name as an error may echo it: bounded, printable. */
  private static String shown(String name) {
    String printable = name.replaceAll("\\p{Cntrl}", "?");
    return printable.length() <= 64 ? printable : printable.substring(0, 64) + "…";
  }
}

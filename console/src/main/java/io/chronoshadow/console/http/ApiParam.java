package io.chronoshadow.console.http;

import java.util.List;

/**
 * A documented parameter of a route: where it goes ({@code path} or {@code query}), its JSON-schema
 * type ({@code string}, {@code integer}, …), for enumerations the allowed values, and its bounds.
 * The bounds are both documented (OpenAPI {@code minimum}/{@code maximum}/{@code maxLength}) and
 * enforced by {@link ParamGuard} before the route's handler runs, from this one declaration.
 *
 * @param minimum least value of an integer parameter, or null
 * @param maximum greatest value of an integer parameter, or null
 * @param maxLength most characters of one value (every parameter has a bound)
 */
public record ApiParam(
    String name,
    String in,
    boolean required,
    String type,
    String format,
    List<String> allowed,
    String description,
    Long minimum,
    Long maximum,
    int maxLength) {

  /** Longest value any parameter may have unless it declares less: ids, keys, filters fit. */
  public static final int MAX_LENGTH = 1024;

  /** Most values a repeatable parameter may have in one request. */
  public static final int MAX_REPEATS = 32;

  public ApiParam {
    allowed = allowed == null ? List.of() : List.copyOf(allowed);
    if (maxLength < 1 || maxLength > MAX_LENGTH) {
      throw new IllegalArgumentException(name + ": maxLength must be 1.." + MAX_LENGTH);
    }
    if (minimum != null && maximum != null && minimum > maximum) {
      throw new IllegalArgumentException(name + ": minimum above maximum");
    }
  }

  public ApiParam(
      String name,
      String in,
      boolean required,
      String type,
      String format,
      List<String> allowed,
      String description) {
    this(name, in, required, type, format, allowed, description, null, null, MAX_LENGTH);
  }

  public static ApiParam path(String name, String description) {
    return new ApiParam(name, "path", true, "string", null, null, description);
  }

  public static ApiParam query(String name, String type, String description) {
    return new ApiParam(name, "query", false, type, null, null, description);
  }

  /** An ISO-8601 instant, within {@link Params#EARLIEST} and {@link Params#LATEST}. */
  public static ApiParam queryTime(String name, String description) {
    return new ApiParam(
        name,
        "query",
        false,
        "string",
        "date-time",
        null,
        description + " (between " + Params.EARLIEST + " and " + Params.LATEST + ")",
        null,
        null,
        64);
  }

  public static ApiParam queryEnum(String name, List<String> allowed, String description) {
    return new ApiParam(name, "query", false, "string", null, allowed, description);
  }

  /** An integer query parameter in {@code [min, max]}. */
  public static ApiParam queryInt(String name, long min, long max, String description) {
    return new ApiParam(name, "query", false, "integer", null, null, description, min, max, 20);
  }

  public ApiParam repeatable() {
    return new ApiParam(
        name,
        in,
        required,
        "array:" + type,
        format,
        allowed,
        description,
        minimum,
        maximum,
        maxLength);
  }

  public ApiParam requiredParam() {
    return new ApiParam(
        name, in, true, type, format, allowed, description, minimum, maximum, maxLength);
  }

  public ApiParam maxLength(int characters) {
    return new ApiParam(
        name, in, required, type, format, allowed, description, minimum, maximum, characters);
  }

  public boolean isRepeatable() {
    return type.startsWith("array:");
  }
}

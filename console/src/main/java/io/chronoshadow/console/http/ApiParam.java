package io.chronoshadow.console.http;

import java.util.List;

/**
 * A documented parameter of a route: where it goes ({@code path} or {@code query}), its JSON-schema
 * type ({@code string}, {@code integer}, …), and for enumerations the allowed values.
 */
public record ApiParam(
    String name,
    String in,
    boolean required,
    String type,
    String format,
    List<String> allowed,
    String description) {

  public ApiParam {
    allowed = allowed == null ? List.of() : List.copyOf(allowed);
  }

  public static ApiParam path(String name, String description) {
    return new ApiParam(name, "path", true, "string", null, null, description);
  }

  public static ApiParam query(String name, String type, String description) {
    return new ApiParam(name, "query", false, type, null, null, description);
  }

  public static ApiParam queryTime(String name, String description) {
    return new ApiParam(name, "query", false, "string", "date-time", null, description);
  }

  public static ApiParam queryEnum(String name, List<String> allowed, String description) {
    return new ApiParam(name, "query", false, "string", null, allowed, description);
  }

  public ApiParam repeatable() {
    return new ApiParam(name, in, required, "array:" + type, format, allowed, description);
  }
}

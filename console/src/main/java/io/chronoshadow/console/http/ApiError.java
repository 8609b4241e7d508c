package io.chronoshadow.console.http;

/**
 * A request the client must fix (or a resource that does not exist): answered with {@code status}
 * and the JSON body {@code {code, message, field?}}. Messages name what to change and never echo
 * credentials.
 */
public final class ApiError extends RuntimeException {

  private final int status;
  private final String code;
  private final String field;

  public ApiError(int status, String code, String message, String field) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.field = field;
  }

  public static ApiError badRequest(String field, String message) {
    return new ApiError(
        400, "invalid_" + (field == null ? "request" : "parameter"), message, field);
  }

  public static ApiError notFound(String code, String message) {
    return new ApiError(404, code, message, null);
  }

  public static ApiError conflict(String code, String message) {
    return new ApiError(409, code, message, null);
  }

  public static ApiError tooLarge(String field, String message) {
    return new ApiError(413, "result_too_large", message, field);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** The request field at fault (query parameter, path parameter or body field), or null. */
  public String field() {
    return field;
  }
}

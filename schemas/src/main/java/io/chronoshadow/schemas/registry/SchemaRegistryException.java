package io.chronoshadow.schemas.registry;

/**
 * A registry call that failed: the registry answered with an error, or could not be reached ({@link
 * #httpStatus()} is then {@link #NO_RESPONSE}). Carries what the registry said so that callers can
 * tell "unknown id" from "incompatible" from "down" without parsing messages.
 */
public class SchemaRegistryException extends RuntimeException {
  /** {@link #httpStatus()} when no HTTP response was received (connection refused, timeout). */
  public static final int NO_RESPONSE = 0;

  /** {@link #errorCode()} when the registry's body carried no {@code error_code}. */
  public static final int NO_ERROR_CODE = -1;

  // Confluent's documented error codes; Apicurio, Karapace and Redpanda reuse them.
  public static final int SUBJECT_NOT_FOUND = 40401;
  public static final int VERSION_NOT_FOUND = 40402;
  public static final int SCHEMA_NOT_FOUND = 40403;

  private final int httpStatus;
  private final int errorCode;
  private final String registryMessage;
  private final String subject;

  public SchemaRegistryException(
      String message, int httpStatus, int errorCode, String registryMessage, String subject) {
    this(message, httpStatus, errorCode, registryMessage, subject, null);
  }

  public SchemaRegistryException(
      String message,
      int httpStatus,
      int errorCode,
      String registryMessage,
      String subject,
      Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
    this.registryMessage = registryMessage;
    this.subject = subject;
  }

  /** The HTTP status, or {@link #NO_RESPONSE}. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The registry's {@code error_code}, or {@link #NO_ERROR_CODE}. */
  public int errorCode() {
    return errorCode;
  }

  /** The registry's own {@code message}, or null. */
  public String registryMessage() {
    return registryMessage;
  }

  /** The subject the call was about, or null. */
  public String subject() {
    return subject;
  }

  /** The registry was not reachable or answered with a server error: worth retrying later. */
  public boolean isUnavailable() {
    return httpStatus == NO_RESPONSE || httpStatus >= 500;
  }

  public boolean isNotFound() {
    return httpStatus == 404;
  }

  /** The schema was rejected by the subject's compatibility rule. */
  public boolean isIncompatible() {
    return httpStatus == 409;
  }
}

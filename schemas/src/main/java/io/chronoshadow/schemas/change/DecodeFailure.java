package io.chronoshadow.schemas.change;

/**
 * Raised inside the decoder where the record's coordinates are not known; {@link
 * ChangeEventDecoder} turns it into a {@link DecodeException} that names them.
 */
final class DecodeFailure extends RuntimeException {
  private final DecodeException.Reason reason;

  DecodeFailure(DecodeException.Reason reason, String detail) {
    this(reason, detail, null);
  }

  DecodeFailure(DecodeException.Reason reason, String detail, Throwable cause) {
    super(detail, cause);
    this.reason = reason;
  }

  DecodeException.Reason reason() {
    return reason;
  }
}

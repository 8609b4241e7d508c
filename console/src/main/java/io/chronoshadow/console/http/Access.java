package io.chronoshadow.console.http;

/** Who may call a route. */
public enum Access {
  /** Probes, metrics and the API description: never behind the token. */
  PUBLIC,
  /** Reads: behind the token only when the console is configured so. */
  READ,
  /** Every call that changes something: always behind the token. */
  WRITE
}

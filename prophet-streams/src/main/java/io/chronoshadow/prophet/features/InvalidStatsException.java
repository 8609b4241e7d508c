package io.chronoshadow.prophet.features;

/**
 * A {@code chrono.shadow-stats} record that cannot be turned into metrics; the message says why.
 */
public final class InvalidStatsException extends Exception {
  public InvalidStatsException(String message) {
    super(message);
  }
}

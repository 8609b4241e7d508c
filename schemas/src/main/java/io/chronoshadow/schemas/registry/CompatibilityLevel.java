package io.chronoshadow.schemas.registry;

/** The compatibility levels of the Confluent Schema Registry API, spelled as it spells them. */
public enum CompatibilityLevel {
  NONE,
  BACKWARD,
  BACKWARD_TRANSITIVE,
  FORWARD,
  FORWARD_TRANSITIVE,
  FULL,
  FULL_TRANSITIVE;

  static CompatibilityLevel parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("Unknown compatibility level from registry: " + text, e);
    }
  }
}

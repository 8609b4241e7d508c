package io.chronoshadow.schemas.connect;

/**
 * Turns arbitrary Connect names into valid Avro names ({@code [A-Za-z_][A-Za-z0-9_]*} per dotted
 * segment). Deterministic, so that the same Connect schema always yields the same Avro schema and
 * therefore the same registry id. ASCII only, because stricter Avro implementations reject the
 * Unicode letters that Java's Avro accepts.
 */
public final class AvroNames {
  private AvroNames() {}

  /** Sanitizes each dot-separated segment of a full name; empty segments are dropped. */
  public static String fullName(String connectName) {
    StringBuilder out = new StringBuilder(connectName.length());
    for (String segment : connectName.split("\\.")) {
      if (segment.isEmpty()) {
        continue;
      }
      if (out.length() > 0) {
        out.append('.');
      }
      out.append(name(segment));
    }
    return out.length() == 0 ? "_" : out.toString();
  }

  /** Sanitizes one simple name (a record's last segment or a field name). */
  public static String name(String raw) {
    if (raw.isEmpty()) {
      return "_";
    }
    StringBuilder out = new StringBuilder(raw.length() + 1);
    char first = raw.charAt(0);
    if (!isAsciiLetter(first) && first != '_') {
      out.append('_');
    }
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      out.append(isAsciiLetter(c) || isAsciiDigit(c) || c == '_' ? c : '_');
    }
    return out.toString();
  }

  public static String namespaceOf(String fullName) {
    int dot = fullName.lastIndexOf('.');
    return dot < 0 ? null : fullName.substring(0, dot);
  }

  public static String simpleNameOf(String fullName) {
    return fullName.substring(fullName.lastIndexOf('.') + 1);
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }
}

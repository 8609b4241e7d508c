package io.chronoshadow.shadow.cut;

import io.chronoshadow.schemas.contract.GroupNames;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Shadow ids are derived from group and cut time only, so a replay names its shadows identically:
 * {@code shadow-<group>-<yyyyMMdd'T'HHmmss.SSS'Z'>}. With a valid group name the id contains only
 * {@code [a-z0-9_.-TZ]}, which is safe as an Iceberg tag and inside a Trino string literal.
 */
public final class ShadowIds {

  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  private ShadowIds() {}

  public static String of(String group, Instant cutTime) {
    GroupNames.requireValid(group);
    if (cutTime.getNano() % 1_000_000 != 0) {
      throw new IllegalArgumentException(
          "cut times have millisecond precision (was " + cutTime + ")");
    }
    return "shadow-" + group + "-" + FORMAT.format(cutTime);
  }

  /** The cut time a shadow id carries (its last 20 characters). */
  public static Instant cutTime(String shadowId) {
    int start = shadowId.length() - "yyyyMMddTHHmmss.SSSZ".length();
    if (start < 0 || !shadowId.startsWith("shadow-")) {
      throw new IllegalArgumentException("not a shadow id: " + shadowId);
    }
    try {
      return Instant.from(FORMAT.parse(shadowId.substring(start)));
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("not a shadow id: " + shadowId, e);
    }
  }
}

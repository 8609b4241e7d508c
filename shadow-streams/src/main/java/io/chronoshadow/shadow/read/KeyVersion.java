package io.chronoshadow.shadow.read;

import java.util.Map;

/** A key's value as of a shadow that changed it; {@code row} is null when it was deleted. */
public record KeyVersion(ShadowRef shadow, Map<String, Object> row) {

  public boolean deleted() {
    return row == null;
  }
}

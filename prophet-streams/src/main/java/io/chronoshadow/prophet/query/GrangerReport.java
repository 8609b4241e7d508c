package io.chronoshadow.prophet.query;

import java.util.List;
import java.util.Map;

/**
 * Granger tests between every ordered pair of a group's series, most significant first; {@code
 * skipped} names each series left out and why (too short, constant).
 */
public record GrangerReport(
    String group, int maxLag, List<GrangerPair> pairs, Map<String, String> skipped) {
  public GrangerReport {
    pairs = List.copyOf(pairs);
    skipped = Map.copyOf(skipped);
  }
}

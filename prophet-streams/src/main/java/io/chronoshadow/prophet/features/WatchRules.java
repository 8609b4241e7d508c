package io.chronoshadow.prophet.features;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A group's explicit choices over its series: patterns matched against the whole of {@code
 * <schema.table>/<metric>} (e.g. {@code shop.orders/total.mean}). An include wins over an exclude,
 * and both win over the automatic decision: the operator knows what a column means.
 *
 * @param include per group, the series always watched
 * @param exclude per group, the series never watched (unless included)
 */
public record WatchRules(Map<String, Pattern> include, Map<String, Pattern> exclude) {

  public WatchRules {
    include = Map.copyOf(include);
    exclude = Map.copyOf(exclude);
  }

  public static WatchRules none() {
    return new WatchRules(Map.of(), Map.of());
  }

  /** The explicit decision on a series, if its group's patterns make one. */
  Optional<WatchDecision> explicit(SeriesKey key) {
    String name = key.table() + "/" + key.metric();
    Pattern in = include.get(key.group());
    if (in != null && in.matcher(name).matches()) {
      return Optional.of(WatchDecision.watched("included by the group's watch.include"));
    }
    Pattern out = exclude.get(key.group());
    if (out != null && out.matcher(name).matches()) {
      return Optional.of(WatchDecision.ignored("excluded by the group's watch.exclude"));
    }
    return Optional.empty();
  }
}

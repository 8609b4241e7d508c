package io.chronoshadow.prophet.features;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which series the prophet alarms on, by what they mean. A table's row count and change rates are
 * what an operator watches; its bytes written follow the change rates (and compaction), so they are
 * analysed but not alarmed. A column mean is watched only when the column is a measure (an amount,
 * a price, a stock level): not a key, an identifier, a sequence or line number, a timestamp, a
 * near-constant or a column of a few small whole values (an ordinal or code), whose means move with
 * which rows a shadow happened to write, not with the data going wrong. Those are told apart by the
 * schema (the primary key), the name, and the values the shadows wrote (see {@link ColumnProfile}).
 * The group's {@link WatchRules} override all of it.
 */
public final class SeriesRoles {

  /** Shadows with values before the data may rule a column out; until then it is watched. */
  public static final int MIN_SHADOWS = 8;

  /** Share of shadows starting above the previous shadow's largest value: a sequence. */
  static final double SEQUENCE_SHARE = 0.9;

  /** Spread below this fraction of the mean: near-constant. */
  static final double CONSTANT_SPREAD = 1e-3;

  /** At most this many distinct whole values from 0 or more: an ordinal or code. */
  static final int FEW_VALUES = 10;

  private static final Pattern IDENTIFIER_NAME =
      Pattern.compile(
          "(?i:(.*_)?(id|key|uuid|no|nr|num|number|seq|sequence|idx|index|pos|position|ordinal"
              + "|rank|line|version))|.*[a-z0-9](Id|Key|No|Nr|Num|Number|Seq|Index|Pos|Position)");

  private static final Pattern TIMESTAMP_NAME =
      Pattern.compile("(?i:(.*_)?(at|ts|timestamp|date|epoch))|.*[a-z0-9](At|Ts|Timestamp|Date)");

  /** Epoch seconds, milliseconds and microseconds from 2000 to 2100. */
  private static final double[] EPOCH_SCALES = {1, 1e3, 1e6};

  private static final double EPOCH_FROM = 946_684_800;
  private static final double EPOCH_TO = 4_102_444_800.0;

  private SeriesRoles() {}

  /** The decision on one series given what its column's shadows showed so far. */
  public static WatchDecision decide(SeriesKey key, ColumnProfile profile, WatchRules rules) {
    return rules.explicit(key).orElseGet(() -> automatic(key.metric(), profile));
  }

  static WatchDecision automatic(String metric, ColumnProfile p) {
    switch (metric) {
      case "rows":
        return WatchDecision.watched("row count of the table");
      case "inserts", "updates", "deletes":
        return WatchDecision.watched("change rate of the table");
      case "bytes":
        return WatchDecision.ignored("storage volume: follows the change rates, which are watched");
      default:
        break;
    }
    if (!metric.endsWith(".mean")) {
      return WatchDecision.watched("a table metric");
    }
    String column = metric.substring(0, metric.length() - ".mean".length());
    if (p.key()) {
      return WatchDecision.ignored(column + " is part of the primary key");
    }
    if (IDENTIFIER_NAME.matcher(column).matches()) {
      return WatchDecision.ignored(
          column + " is named like an identifier, sequence or line number");
    }
    if (TIMESTAMP_NAME.matcher(column).matches()) {
      return WatchDecision.ignored(column + " is named like a timestamp");
    }
    if (p.shadows() < MIN_SHADOWS) {
      return WatchDecision.watched(
          "a measure until its values say otherwise ("
              + p.shadows()
              + " of "
              + MIN_SHADOWS
              + " shadows seen)");
    }
    return fromValues(column, p);
  }

  private static WatchDecision fromValues(String column, ColumnProfile p) {
    if (p.allWhole() && epochLike(p.min(), p.max())) {
      return WatchDecision.ignored(column + " holds epoch-like whole values: a timestamp");
    }
    if (nearConstant(p)) {
      return WatchDecision.ignored(
          String.format(Locale.ROOT, "%s is near-constant (about %s)", column, number(p.mean())));
    }
    if (p.comparisons() > 0 && p.ascending() >= SEQUENCE_SHARE * p.comparisons()) {
      return WatchDecision.ignored(
          String.format(
              Locale.ROOT,
              "%s: %d of %d shadows start above the previous one's largest value," + " a sequence",
              column,
              p.ascending(),
              p.comparisons()));
    }
    if (p.allWhole() && p.min() >= 0 && p.max() - p.min() + 1 <= FEW_VALUES) {
      return WatchDecision.ignored(
          String.format(
              Locale.ROOT,
              "%s takes only whole values %s..%s: an ordinal or code, its mean follows which"
                  + " rows were written",
              column,
              number(p.min()),
              number(p.max())));
    }
    return WatchDecision.watched(
        String.format(
            Locale.ROOT,
            "%s is a measure (values %s..%s over %d shadows)",
            column,
            number(p.min()),
            number(p.max()),
            p.shadows()));
  }

  private static boolean nearConstant(ColumnProfile p) {
    double scale = Math.max(Math.abs(p.mean()), Double.MIN_NORMAL);
    double sd = p.standardDeviation();
    // Records from before the sum of squares only tell the range, a stricter test.
    double spread = Double.isNaN(sd) ? p.max() - p.min() : sd;
    return spread <= CONSTANT_SPREAD * scale;
  }

  private static boolean epochLike(double min, double max) {
    for (double scale : EPOCH_SCALES) {
      if (min >= EPOCH_FROM * scale && max <= EPOCH_TO * scale) {
        return true;
      }
    }
    return false;
  }

  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15
        ? Long.toString((long) v)
        : String.format(Locale.ROOT, "%.4g", v);
  }
}

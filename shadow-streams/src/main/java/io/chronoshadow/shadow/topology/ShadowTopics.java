package io.chronoshadow.shadow.topology;

import java.util.regex.Pattern;

/**
 * The topics of one shadow group's topology. Change topics are Debezium's {@code
 * <prefix>.<schema>.<table>}, found by pattern; the transaction topic {@code <prefix>.transaction}
 * has no second dot and so never matches it.
 */
public record ShadowTopics(
    String prefix,
    String transactionTopic,
    String policiesTopic,
    String requestsTopic,
    String shadowsTopic,
    String statsTopic,
    String dlqTopic) {

  /** Default names for a Debezium topic prefix: {@code chrono.*} outputs and controls. */
  public static ShadowTopics defaults(String prefix) {
    return new ShadowTopics(
        prefix,
        prefix + ".transaction",
        "chrono.policies",
        "chrono.shadow-requests",
        "chrono.shadows",
        "chrono.shadow-stats",
        "chrono.dlq");
  }

  public Pattern changeTopicPattern() {
    return Pattern.compile(Pattern.quote(prefix) + "\\.[^.]+\\.[^.]+");
  }
}

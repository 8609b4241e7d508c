package io.chronoshadow.schemas.wire;

/** Confluent's TopicNameStrategy: a topic's keys and values are registered under two subjects. */
public final class SubjectNames {
  private SubjectNames() {}

  public static String forTopic(String topic, boolean isKey) {
    return topic + (isKey ? "-key" : "-value");
  }
}

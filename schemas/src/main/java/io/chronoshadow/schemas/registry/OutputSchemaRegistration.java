package io.chronoshadow.schemas.registry;

import io.chronoshadow.schemas.wire.SubjectNames;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers an application's output value schemas under their TopicNameStrategy subjects, each
 * subject with {@link CompatibilityLevel#BACKWARD} compatibility, before it starts processing. The
 * level is set on the subject itself, before the new schema goes in when the subject exists (a
 * registry whose global level is NONE would otherwise accept an incompatible schema and break every
 * consumer), and right after the first version of a new subject. A registry that does not keep the
 * level stops the start. A registry problem then stops the start with a clear error instead of
 * failing the first output inside a Kafka transaction, and consumers find the subjects before the
 * first record. A registry may refuse concurrent first registrations transiently (Apicurio on H2
 * answers 500 on a table-lock timeout when two applications register at once): refusals without an
 * answer or with a 5xx are retried a few times; a 4xx (an incompatible schema) is not.
 */
public final class OutputSchemaRegistration {

  private static final Logger LOG = LoggerFactory.getLogger(OutputSchemaRegistration.class);
  private static final int ATTEMPTS = 5;

  private OutputSchemaRegistration() {}

  /**
   * Registers each topic's value schema; returns the ids by subject.
   *
   * @param who names the application in log lines and errors (e.g. "prophet", "shadow group shop")
   * @throws IllegalStateException when a schema cannot be registered
   */
  public static Map<String, Integer> registerAll(
      SchemaRegistry registry, String who, Map<String, Schema> schemasByTopic) {
    Map<String, Integer> ids = new TreeMap<>();
    Set<String> existing =
        new HashSet<>(retrying(who, "cannot list the subjects", registry::subjects));
    new TreeMap<>(schemasByTopic)
        .forEach(
            (topic, schema) -> {
              String subject = SubjectNames.forTopic(topic, false);
              if (existing.contains(subject)) {
                requireBackward(registry, who, subject);
              }
              int id =
                  retrying(
                      who,
                      "cannot register " + schema.getFullName() + " under " + subject,
                      () -> registry.register(subject, schema));
              if (!existing.contains(subject)) {
                requireBackward(registry, who, subject);
              }
              ids.put(subject, id);
              LOG.info(
                  "{}: schema {} registered under {} (id {}, compatibility BACKWARD)",
                  who,
                  schema.getFullName(),
                  subject,
                  id);
            });
    return ids;
  }

  private static void requireBackward(SchemaRegistry registry, String who, String subject) {
    retrying(
        who,
        "cannot set BACKWARD compatibility on " + subject,
        () -> {
          registry.setCompatibility(subject, CompatibilityLevel.BACKWARD);
          return null;
        });
    CompatibilityLevel level =
        retrying(
            who,
            "cannot read the compatibility of " + subject,
            () -> registry.compatibility(subject));
    if (level != CompatibilityLevel.BACKWARD) {
      throw new IllegalStateException(
          who
              + ": the registry keeps "
              + subject
              + " at compatibility "
              + level
              + " after it was set to BACKWARD; an incompatible schema would be accepted");
    }
  }

  /**
   * Runs one registry call, retrying refusals without an answer or with a 5xx; a 4xx (an
   * incompatible schema) is final.
   */
  private static <T> T retrying(String who, String what, Supplier<T> call) {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (SchemaRegistryException e) {
        boolean retryable =
            e.httpStatus() == SchemaRegistryException.NO_RESPONSE || e.httpStatus() >= 500;
        if (attempt == ATTEMPTS || !retryable) {
          throw new IllegalStateException(who + ": " + what + ": " + e.getMessage(), e);
        }
        LOG.warn("{}: {} (attempt {}), retrying: {}", who, what, attempt, e.getMessage());
        try {
          Thread.sleep(500L * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(who + ": interrupted while " + what, e);
        }
      }
    }
  }
}

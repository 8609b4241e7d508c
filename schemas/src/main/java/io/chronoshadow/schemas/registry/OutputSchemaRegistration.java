package io.chronoshadow.schemas.registry;

import io.chronoshadow.schemas.wire.SubjectNames;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers an application's output value schemas under their TopicNameStrategy subjects before it
 * starts processing. A registry problem then stops the start with a clear error instead of failing
 * the first output inside a Kafka transaction, and consumers find the subjects before the first
 * record. A registry may refuse concurrent first registrations transiently (Apicurio on H2 answers
 * 500 on a table-lock timeout when two applications register at once): refusals without an answer
 * or with a 5xx are retried a few times; a 4xx (an incompatible schema) is not.
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
    new TreeMap<>(schemasByTopic)
        .forEach(
            (topic, schema) -> {
              String subject = SubjectNames.forTopic(topic, false);
              int id = register(registry, who, subject, schema);
              ids.put(subject, id);
              LOG.info(
                  "{}: schema {} registered under {} (id {})",
                  who,
                  schema.getFullName(),
                  subject,
                  id);
            });
    return ids;
  }

  private static int register(SchemaRegistry registry, String who, String subject, Schema schema) {
    for (int attempt = 1; ; attempt++) {
      try {
        return registry.register(subject, schema);
      } catch (SchemaRegistryException e) {
        boolean retryable =
            e.httpStatus() == SchemaRegistryException.NO_RESPONSE || e.httpStatus() >= 500;
        if (attempt == ATTEMPTS || !retryable) {
          throw new IllegalStateException(
              who
                  + ": cannot register "
                  + schema.getFullName()
                  + " under "
                  + subject
                  + ": "
                  + e.getMessage(),
              e);
        }
        LOG.warn(
            "{}: registering {} failed (attempt {}), retrying: {}",
            who,
            subject,
            attempt,
            e.getMessage());
        try {
          Thread.sleep(500L * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(who + ": interrupted while registering " + subject, e);
        }
      }
    }
  }
}

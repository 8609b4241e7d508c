package io.chronoshadow.prophet.app;

import io.chronoshadow.prophet.output.ProphetSchemas;
import io.chronoshadow.prophet.topology.ProphetTopics;
import io.chronoshadow.schemas.registry.SchemaRegistry;
import io.chronoshadow.schemas.registry.SchemaRegistryException;
import io.chronoshadow.schemas.wire.SubjectNames;
import java.util.Map;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the output schemas under their TopicNameStrategy subjects before processing starts, so
 * that a registry problem stops the start with a clear error instead of failing the first alarm
 * inside a transaction, and so that consumers find the subjects before the first record. A registry
 * may refuse concurrent first registrations transiently (Apicurio on H2 answers 500 on a table-lock
 * timeout when two instances register at once): such refusals are retried a few times.
 */
final class OutputSchemaRegistration {

  private static final Logger LOG = LoggerFactory.getLogger(OutputSchemaRegistration.class);
  private static final int ATTEMPTS = 5;

  private OutputSchemaRegistration() {}

  static void registerAll(SchemaRegistry registry, ProphetTopics topics) {
    Map<String, Schema> subjects =
        Map.of(
            SubjectNames.forTopic(topics.forecastsTopic(), false), ProphetSchemas.FORECAST,
            SubjectNames.forTopic(topics.anomaliesTopic(), false), ProphetSchemas.ANOMALY);
    subjects.forEach(
        (subject, schema) -> {
          int id = register(registry, subject, schema);
          LOG.info("prophet: schema {} registered under {} (id {})", schema.getName(), subject, id);
        });
  }

  private static int register(SchemaRegistry registry, String subject, Schema schema) {
    for (int attempt = 1; ; attempt++) {
      try {
        return registry.register(subject, schema);
      } catch (SchemaRegistryException e) {
        if (attempt == ATTEMPTS || (e.httpStatus() != 0 && e.httpStatus() < 500)) {
          throw new IllegalStateException(
              "cannot register " + schema.getName() + " under " + subject + ": " + e.getMessage(),
              e);
        }
        LOG.warn(
            "prophet: registering {} failed (attempt {}), retrying: {}",
            subject,
            attempt,
            e.getMessage());
        try {
          Thread.sleep(500L * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while registering " + subject, e);
        }
      }
    }
  }
}

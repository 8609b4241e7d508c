package io.chronoshadow.shadow.dependency;

import io.chronoshadow.schemas.change.DecodeException;
import io.chronoshadow.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

/**
 * Tells an outage of a dependency from a bug or bad data: only an outage is worth waiting out. A
 * shadow commit talks to exactly two services — the catalog over JDBC and the object store over
 * HTTP — so a connection-class SQL error anywhere in the cause chain is the catalog, and an I/O
 * error (S3A reports every S3 failure as one, the AWS SDK's client errors included) is the object
 * store. Anything else (a schema conflict, a missing table, a data error) is not classified.
 */
public final class DependencyFailures {

  // SQLState class 08 is "connection exception"; 57P01-57P03 are PostgreSQL shutting down or
  // starting up; 53300 is too many connections.
  private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

  private DependencyFailures() {}

  public static Optional<Dependency> classify(Throwable failure) {
    Optional<Dependency> found = Optional.empty();
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof DependencyUnavailableException known) {
        return Optional.of(known.dependency());
      }
      if (t instanceof SchemaRegistryException registry && registry.isUnavailable()) {
        return Optional.of(Dependency.REGISTRY);
      }
      if (t instanceof DecodeException decode
          && decode.reason() == DecodeException.Reason.REGISTRY_UNAVAILABLE) {
        return Optional.of(Dependency.REGISTRY);
      }
      if (t instanceof SQLException sql) {
        // The first SQL error decides: a data error wrapping an I/O cause is still not an outage.
        return isUnavailable(sql) ? Optional.of(Dependency.CATALOG) : Optional.empty();
      }
      if (found.isEmpty() && isObjectStoreFailure(t)) {
        found = Optional.of(Dependency.OBJECT_STORE);
      }
    }
    return found;
  }

  /**
   * One line for a log: the message of our own {@link DependencyUnavailableException} if it is in
   * the chain (Kafka Streams' wrappers put whole stack traces into theirs), else the root cause's.
   */
  public static String summary(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof DependencyUnavailableException known) {
        return known.getMessage();
      }
    }
    return DependencyStatus.rootMessage(failure);
  }

  private static boolean isUnavailable(SQLException sql) {
    String state = sql.getSQLState();
    return state != null && (state.startsWith("08") || UNAVAILABLE_STATES.contains(state));
  }

  private static boolean isObjectStoreFailure(Throwable t) {
    return t instanceof IOException
        || t instanceof UncheckedIOException
        || t.getClass().getName().equals("org.apache.iceberg.exceptions.RuntimeIOException")
        || t.getClass().getName().startsWith("software.amazon.awssdk.core.exception.");
  }
}

package io.chronoshadow.shadow.dependency;

import static org.assertj.core.api.Assertions.assertThat;

import io.chronoshadow.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class DependencyFailuresTest {

  @Test
  void aConnectionClassSqlErrorIsTheCatalog() {
    assertThat(classify(new RuntimeException(new SQLException("refused", "08001"))))
        .isEqualTo(Dependency.CATALOG);
    assertThat(classify(new SQLException("shutting down", "57P01"))).isEqualTo(Dependency.CATALOG);
  }

  @Test
  void aDataSqlErrorIsNoOutageEvenWithAnIoCause() {
    SQLException unique = new SQLException("duplicate key", "23505", new IOException("socket"));
    assertThat(DependencyFailures.classify(new RuntimeException(unique))).isEmpty();
  }

  @Test
  void anIoErrorIsTheObjectStore() {
    assertThat(classify(new UncheckedIOException(new IOException("Connection refused"))))
        .isEqualTo(Dependency.OBJECT_STORE);
  }

  @Test
  void anUnreachableRegistryIsTheRegistryButARefusalIsNot() {
    SchemaRegistryException down =
        new SchemaRegistryException("no answer", 503, 50003, "down", "orders-value");
    SchemaRegistryException conflict =
        new SchemaRegistryException("incompatible", 409, 409, "conflict", "orders-value");
    assertThat(classify(new RuntimeException(down))).isEqualTo(Dependency.REGISTRY);
    assertThat(DependencyFailures.classify(conflict)).isEmpty();
  }

  @Test
  void ourOwnExceptionNamesItsDependencyAndItsMessageIsTheSummary() {
    DependencyUnavailableException known =
        new DependencyUnavailableException(
            Dependency.REGISTRY, "registry still unavailable after 30 s", new IOException("x"));
    RuntimeException wrapped = new RuntimeException("stream thread failed", known);
    assertThat(classify(wrapped)).isEqualTo(Dependency.REGISTRY);
    assertThat(DependencyFailures.summary(wrapped))
        .isEqualTo("registry still unavailable after 30 s");
  }

  @Test
  void anythingElseIsNotAnOutageAndIsSummarisedByItsRootCause() {
    IllegalStateException bug = new IllegalStateException("no such table", null);
    assertThat(DependencyFailures.classify(new RuntimeException(bug))).isEmpty();
    assertThat(DependencyFailures.summary(new RuntimeException("outer", bug)))
        .isEqualTo("IllegalStateException: no such table");
  }

  private static Dependency classify(Throwable t) {
    return DependencyFailures.classify(t).orElseThrow();
  }
}

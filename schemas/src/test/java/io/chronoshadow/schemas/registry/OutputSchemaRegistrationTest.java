package io.chronoshadow.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

class OutputSchemaRegistrationTest {

  private static final Schema OUT =
      SchemaBuilder.record("Out")
          .namespace("io.chronoshadow.test")
          .fields()
          .requiredLong("n")
          .endRecord();

  /**
   * The in-memory registry, refusing the first {@code refusals} registrations with {@code status}.
   */
  private static SchemaRegistry refusing(
      InMemorySchemaRegistry real, int refusals, int status, AtomicInteger calls) {
    return (SchemaRegistry)
        Proxy.newProxyInstance(
            SchemaRegistry.class.getClassLoader(),
            new Class<?>[] {SchemaRegistry.class},
            (proxy, method, args) -> {
              if (method.getName().equals("register") && calls.incrementAndGet() <= refusals) {
                throw new SchemaRegistryException(
                    "refused",
                    status,
                    SchemaRegistryException.NO_ERROR_CODE,
                    "busy",
                    (String) args[0]);
              }
              try {
                return method.invoke(real, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  @Test
  void transientRefusalsAreRetriedAndTheSchemaEndsUpRegisteredUnderTheTopicsValueSubject() {
    InMemorySchemaRegistry real = new InMemorySchemaRegistry();
    AtomicInteger calls = new AtomicInteger();

    Map<String, Integer> ids =
        OutputSchemaRegistration.registerAll(
            refusing(real, 2, 500, calls), "test app", Map.of("chrono.out", OUT));

    assertThat(calls).hasValue(3);
    assertThat(ids).containsOnlyKeys("chrono.out-value");
    assertThat(real.lookupId("chrono.out-value", OUT)).isEqualTo(ids.get("chrono.out-value"));
  }

  @Test
  void aClientErrorIsNotRetriedAndNamesTheApplicationSchemaAndSubject() {
    AtomicInteger calls = new AtomicInteger();
    SchemaRegistry registry = refusing(new InMemorySchemaRegistry(), 1, 409, calls);

    assertThatThrownBy(
            () ->
                OutputSchemaRegistration.registerAll(
                    registry, "test app", Map.of("chrono.out", OUT)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(
            "test app: cannot register io.chronoshadow.test.Out under chrono.out-value");
    assertThat(calls).hasValue(1);
  }
}

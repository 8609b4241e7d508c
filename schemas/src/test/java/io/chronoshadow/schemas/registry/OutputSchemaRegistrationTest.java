package io.chronoshadow.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
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

  /** The in-memory registry, recording the calls that change it, in order. */
  private static SchemaRegistry recording(
      InMemorySchemaRegistry real, List<String> calls, boolean keepsLevels) {
    return (SchemaRegistry)
        Proxy.newProxyInstance(
            SchemaRegistry.class.getClassLoader(),
            new Class<?>[] {SchemaRegistry.class},
            (proxy, method, args) -> {
              if (method.getName().equals("register")
                  || method.getName().equals("setCompatibility")) {
                calls.add(method.getName() + " " + args[0]);
              }
              if (method.getName().equals("setCompatibility") && !keepsLevels) {
                return null;
              }
              try {
                return method.invoke(real, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  @Test
  void everyOutputSubjectEndsBackwardOnARegistryWhoseDefaultIsNone() {
    InMemorySchemaRegistry real = new InMemorySchemaRegistry();
    assertThat(real.compatibility("chrono.out-value")).isEqualTo(CompatibilityLevel.NONE);
    List<String> calls = new ArrayList<>();

    OutputSchemaRegistration.registerAll(
        recording(real, calls, true), "test app", Map.of("chrono.out", OUT, "chrono.two", OUT));

    assertThat(real.compatibility("chrono.out-value")).isEqualTo(CompatibilityLevel.BACKWARD);
    assertThat(real.compatibility("chrono.two-value")).isEqualTo(CompatibilityLevel.BACKWARD);
    // a new subject gets its level right after its first version (it must exist for Apicurio)
    assertThat(calls)
        .containsExactly(
            "register chrono.out-value",
            "setCompatibility chrono.out-value",
            "register chrono.two-value",
            "setCompatibility chrono.two-value");
  }

  @Test
  void anExistingSubjectIsMadeBackwardBeforeTheNewSchemaGoesIn() {
    InMemorySchemaRegistry real = new InMemorySchemaRegistry();
    real.register("chrono.out-value", OUT); // registered by an older release, level NONE
    List<String> calls = new ArrayList<>();

    OutputSchemaRegistration.registerAll(
        recording(real, calls, true), "test app", Map.of("chrono.out", OUT));

    assertThat(calls)
        .containsExactly("setCompatibility chrono.out-value", "register chrono.out-value");
    assertThat(real.compatibility("chrono.out-value")).isEqualTo(CompatibilityLevel.BACKWARD);
  }

  @Test
  void aRegistryThatDoesNotKeepTheLevelStopsTheStart() {
    List<String> calls = new ArrayList<>();
    SchemaRegistry ignoring = recording(new InMemorySchemaRegistry(), calls, false);

    assertThatThrownBy(
            () ->
                OutputSchemaRegistration.registerAll(
                    ignoring, "test app", Map.of("chrono.out", OUT)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("chrono.out-value at compatibility NONE");
  }
}

package io.chronoshadow.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chronoshadow.devstack.registry.RegistryProcess;
import io.chronoshadow.schemas.registry.CompatibilityLevel;
import io.chronoshadow.schemas.registry.RegisteredSchema;
import io.chronoshadow.schemas.registry.SchemaReference;
import io.chronoshadow.schemas.registry.SchemaRegistryClient;
import io.chronoshadow.schemas.registry.SchemaRegistryException;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/** Our registry client against the real Apicurio Registry's Confluent-compatible API. */
class SchemaRegistryClientApicurioTest {
  private static final String ORDER_V1 =
      """
      {"type":"record","name":"Order","namespace":"io.chronoshadow.it","fields":[
        {"name":"id","type":"long"},
        {"name":"customer","type":"string"}]}""";
  // A new field without a default: v2 readers cannot read v1 data, so BACKWARD must refuse it.
  private static final String ORDER_V2_INCOMPATIBLE =
      """
      {"type":"record","name":"Order","namespace":"io.chronoshadow.it","fields":[
        {"name":"id","type":"long"},
        {"name":"customer","type":"string"},
        {"name":"amount","type":"double"}]}""";
  private static final String ORDER_V2_COMPATIBLE =
      """
      {"type":"record","name":"Order","namespace":"io.chronoshadow.it","fields":[
        {"name":"id","type":"long"},
        {"name":"customer","type":"string"},
        {"name":"amount","type":"double","default":0.0}]}""";
  private static final String CUSTOMER =
      """
      {"type":"record","name":"Customer","namespace":"io.chronoshadow.it","fields":[
        {"name":"name","type":"string"}]}""";
  private static final String CUSTOMER_ORDER =
      """
      {"type":"record","name":"CustomerOrder","namespace":"io.chronoshadow.it","fields":[
        {"name":"id","type":"long"},
        {"name":"customer","type":"io.chronoshadow.it.Customer"}]}""";

  @TempDir static Path registryDir;
  private static RegistryProcess registry;

  @BeforeAll
  static void startRegistry() {
    registry = RegistryProcess.start(registryDir);
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  private static SchemaRegistryClient newClient() {
    return new SchemaRegistryClient(registry.ccompatUrl());
  }

  private static String subject(TestInfo test) {
    return test.getTestMethod().orElseThrow().getName() + "-value";
  }

  @Test
  void registeredSchemaComesBackByIdAndVersion(TestInfo test) {
    String subject = subject(test);
    int id = newClient().register(subject, ORDER_V1, List.of());

    SchemaRegistryClient reader = newClient();
    assertThat(reader.schemaById(id)).isEqualTo(new Schema.Parser().parse(ORDER_V1));
    RegisteredSchema latest = reader.latest(subject);
    assertThat(latest.id()).isEqualTo(id);
    assertThat(latest.version()).isEqualTo(1);
    assertThat(latest.subject()).isEqualTo(subject);
    assertThat(reader.version(subject, 1).id()).isEqualTo(id);
    assertThat(reader.lookupId(subject, ORDER_V1, List.of())).isEqualTo(id);
    assertThat(reader.subjects()).contains(subject);
  }

  @Test
  void registeringTheSameSchemaAgainGivesTheSameId(TestInfo test) {
    String subject = subject(test);
    int first = newClient().register(subject, ORDER_V1, List.of());

    assertThat(newClient().register(subject, ORDER_V1, List.of())).isEqualTo(first);
  }

  @Test
  void idsAndSchemasAreCachedBothWays(TestInfo test) {
    String subject = subject(test);
    SchemaRegistryClient client = newClient();
    Schema order = new Schema.Parser().parse(ORDER_V1);

    int id = client.register(subject, order);
    long afterRegister = client.httpRequests();
    assertThat(client.register(subject, order)).isEqualTo(id);
    assertThat(client.schemaById(id)).isEqualTo(order);
    assertThat(client.httpRequests()).isEqualTo(afterRegister);

    SchemaRegistryClient reader = newClient();
    reader.schemaById(id);
    long afterFirstFetch = reader.httpRequests();
    reader.schemaById(id);
    assertThat(afterFirstFetch).isEqualTo(1);
    assertThat(reader.httpRequests()).isEqualTo(afterFirstFetch);
  }

  @Test
  void referencesToAnotherSubjectAreResolved(TestInfo test) {
    String customerSubject = subject(test) + "-customer";
    SchemaRegistryClient client = newClient();
    client.register(customerSubject, CUSTOMER, List.of());
    int customerVersion = client.latest(customerSubject).version();
    SchemaReference reference =
        new SchemaReference("io.chronoshadow.it.Customer", customerSubject, customerVersion);

    int id = client.register(subject(test), CUSTOMER_ORDER, List.of(reference));

    SchemaRegistryClient reader = newClient();
    Schema resolved = reader.schemaById(id);
    assertThat(resolved.getFullName()).isEqualTo("io.chronoshadow.it.CustomerOrder");
    assertThat(resolved.getField("customer").schema())
        .isEqualTo(new Schema.Parser().parse(CUSTOMER));
    assertThat(reader.latest(subject(test)).references()).containsExactly(reference);
  }

  @Test
  void incompatibleChangeIsRefusedWith409NamingTheSubject(TestInfo test) {
    String subject = subject(test);
    SchemaRegistryClient client = newClient();
    client.register(subject, ORDER_V1, List.of());
    client.setCompatibility(subject, CompatibilityLevel.BACKWARD);

    assertThat(client.compatibility(subject)).isEqualTo(CompatibilityLevel.BACKWARD);
    assertThat(client.isCompatible(subject, ORDER_V2_INCOMPATIBLE, List.of())).isFalse();
    assertThat(client.isCompatible(subject, ORDER_V2_COMPATIBLE, List.of())).isTrue();
    assertThatThrownBy(() -> client.register(subject, ORDER_V2_INCOMPATIBLE, List.of()))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(409);
              assertThat(e.isIncompatible()).isTrue();
              assertThat(e.subject()).isEqualTo(subject);
              assertThat(e.getMessage()).contains(subject).contains("incompatible");
            });
    assertThat(client.register(subject, ORDER_V2_COMPATIBLE, List.of())).isPositive();
    assertThat(client.latest(subject).version()).isEqualTo(2);
  }

  @Test
  void unknownIdsSubjectsAndSchemasAre404s(TestInfo test) {
    SchemaRegistryClient client = newClient();

    assertThatThrownBy(() -> client.schemaById(987_654))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> {
              assertThat(e.isNotFound()).isTrue();
              assertThat(e.isUnavailable()).isFalse();
              assertThat(e.getMessage()).contains("404");
            });
    assertThatThrownBy(() -> client.latest("no-such-subject"))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class, e -> assertThat(e.isNotFound()).isTrue());
    client.register(subject(test), ORDER_V1, List.of());
    assertThatThrownBy(() -> client.lookupId(subject(test), CUSTOMER, List.of()))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class, e -> assertThat(e.isNotFound()).isTrue());
  }

  @Test
  void aSubjectWithoutVersionsAcceptsAnything() {
    assertThat(newClient().isCompatible("fresh-subject-value", ORDER_V1, List.of())).isTrue();
  }
}

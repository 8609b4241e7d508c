package io.chronoshadow.devstack.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chronoshadow.devstack.DevStackException;
import io.chronoshadow.devstack.DevStackPorts;
import io.chronoshadow.schemas.registry.SchemaRegistryClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts the real Apicurio Registry jar and talks to it over its Confluent-compatible API. */
class RegistryProcessTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  private static final String ORDER_V1 =
      """
      {"type":"record","name":"Order","namespace":"io.chronoshadow.test","fields":[
        {"name":"id","type":"long"},
        {"name":"customer","type":"string"}]}""";
  // A new field without a default: readers of v2 cannot read v1 data, so BACKWARD rejects it.
  private static final String ORDER_V2_INCOMPATIBLE =
      """
      {"type":"record","name":"Order","namespace":"io.chronoshadow.test","fields":[
        {"name":"id","type":"long"},
        {"name":"customer","type":"string"},
        {"name":"amount","type":"double"}]}""";
  private static final String ORDER_V2_COMPATIBLE =
      """
      {"type":"record","name":"Order","namespace":"io.chronoshadow.test","fields":[
        {"name":"id","type":"long"},
        {"name":"customer","type":"string"},
        {"name":"amount","type":"double","default":0.0}]}""";

  @TempDir static Path sharedDir;
  private static RegistryProcess registry;

  @BeforeAll
  static void startRegistry() {
    registry = RegistryProcess.start(sharedDir);
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void registeredSchemaComesBackById() throws Exception {
    assertThat(get("/subjects").isArray()).isTrue();

    int id = register("orders-value", ORDER_V1, null).get("id").asInt();
    JsonNode fetched = get("/schemas/ids/" + id);

    assertThat(parse(fetched.get("schema").asText())).isEqualTo(parse(ORDER_V1));
    assertThat(get("/subjects").toString()).contains("orders-value");
  }

  @Test
  void referencedSchemaResolves() throws Exception {
    register("customer-value", CUSTOMER, null);
    ObjectNode body = JSON.createObjectNode().put("schema", CUSTOMER_ORDER);
    body.putArray("references")
        .addObject()
        .put("name", "io.chronoshadow.test.Customer")
        .put("subject", "customer-value")
        .put("version", 1);

    int id = register("customer-orders-value", null, body).get("id").asInt();

    JsonNode fetched = get("/schemas/ids/" + id);
    assertThat(fetched.get("references").get(0).get("subject").asText())
        .isEqualTo("customer-value");
  }

  @Test
  void backwardCompatibilityRejectsIncompatibleSchemaWith409() throws Exception {
    String subject = "payments-value";
    register(subject, ORDER_V1, null);
    HttpResponse<String> config =
        send("PUT", "/config/" + subject, "{\"compatibility\":\"BACKWARD\"}");
    assertThat(config.statusCode()).isEqualTo(200);

    HttpResponse<String> rejected =
        send("POST", "/subjects/" + subject + "/versions", schemaBody(ORDER_V2_INCOMPATIBLE));
    HttpResponse<String> accepted =
        send("POST", "/subjects/" + subject + "/versions", schemaBody(ORDER_V2_COMPATIBLE));

    assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(409);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
  }

  @Test
  void closeStopsTheProcessAndFreesItsPort(@TempDir Path dataDir) {
    RegistryProcess own = RegistryProcess.start(dataDir);
    ProcessHandle handle = own.processHandle();
    int port = own.port();
    assertThat(handle.isAlive()).isTrue();
    assertThat(Files.exists(own.logFile())).isTrue();

    own.close();
    own.close(); // idempotent

    assertThat(handle.isAlive()).isFalse();
    await().atMost(Duration.ofSeconds(5)).until(() -> DevStackPorts.isFree(port));
  }

  @Test
  void schemasSurviveARestartOnTheSameDataDirectory(@TempDir Path dataDir) {
    int id;
    try (RegistryProcess first = RegistryProcess.start(dataDir)) {
      id = new SchemaRegistryClient(first.ccompatUrl()).register("orders-value", parse(ORDER_V1));
    }
    try (RegistryProcess second = RegistryProcess.start(dataDir)) {
      SchemaRegistryClient client = new SchemaRegistryClient(second.ccompatUrl());
      assertThat(client.schemaById(id)).isEqualTo(parse(ORDER_V1));
      assertThat(client.lookupId("orders-value", parse(ORDER_V1))).isEqualTo(id);
    }
  }

  @Test
  void registryThatDiesFailsWithTheEndOfItsLog(@TempDir Path dataDir) throws IOException {
    Path notAJar = Files.writeString(dataDir.resolve("broken.jar"), "not a jar");
    RegistryOptions options =
        RegistryOptions.defaults(dataDir).withJar(notAJar).withClassDataSharing(false);

    assertThatThrownBy(() -> RegistryProcess.start(options))
        .isInstanceOf(DevStackException.class)
        .hasMessageContaining("exited with code")
        .hasMessageContaining("broken.jar");
  }

  @Test
  void portInUseIsReportedBeforeLaunching(@TempDir Path dataDir) throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(DevStackPorts.HOST))) {
      RegistryOptions options = RegistryOptions.defaults(dataDir).withPort(taken.getLocalPort());

      assertThatThrownBy(() -> RegistryProcess.start(options))
          .isInstanceOf(DevStackException.class)
          .hasMessageContaining("port " + taken.getLocalPort())
          .hasMessageContaining("in use");
    }
  }

  @Test
  void missingJarSaysHowToBuildIt(@TempDir Path emptyDir) {
    assertThatThrownBy(() -> RegistryJar.locate(null, Map.of(), emptyDir))
        .isInstanceOf(DevStackException.class)
        .hasMessageContaining("./mvnw -pl registry-app package");
    assertThatThrownBy(
            () -> RegistryJar.locate(emptyDir.resolve("nope.jar").toString(), Map.of(), emptyDir))
        .isInstanceOf(DevStackException.class)
        .hasMessageContaining("nope.jar")
        .hasMessageContaining("./mvnw -pl registry-app package");
  }

  private static final String CUSTOMER =
      """
      {"type":"record","name":"Customer","namespace":"io.chronoshadow.test","fields":[
        {"name":"name","type":"string"}]}""";
  private static final String CUSTOMER_ORDER =
      """
      {"type":"record","name":"CustomerOrder","namespace":"io.chronoshadow.test","fields":[
        {"name":"customer","type":"io.chronoshadow.test.Customer"}]}""";

  private static JsonNode register(String subject, String schema, ObjectNode body)
      throws IOException, InterruptedException {
    String payload = body != null ? body.toString() : schemaBody(schema);
    HttpResponse<String> response = send("POST", "/subjects/" + subject + "/versions", payload);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static String schemaBody(String schema) {
    return JSON.createObjectNode().put("schema", schema).toString();
  }

  private static JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response = send("GET", path, null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static HttpResponse<String> send(String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(registry.ccompatUrl() + path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", CONTENT_TYPE)
            .header("Accept", CONTENT_TYPE)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static Schema parse(String schema) {
    return new Schema.Parser().parse(schema);
  }
}

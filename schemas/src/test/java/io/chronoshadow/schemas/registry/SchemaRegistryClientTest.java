package io.chronoshadow.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What can be checked without a registry; the rest runs against Apicurio in devstack. */
class SchemaRegistryClientTest {

  @Test
  void unreachableRegistryIsTypedAndRetriedExactlyOnce() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    SchemaRegistryClient client =
        new SchemaRegistryClient(
            "http://127.0.0.1:" + closedPort + "/apis/ccompat/v7/",
            Duration.ofSeconds(1),
            Duration.ofSeconds(2));

    assertThatThrownBy(() -> client.schemaById(7))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(SchemaRegistryException.NO_RESPONSE);
              assertThat(e.isUnavailable()).isTrue();
              assertThat(e.getMessage())
                  .contains("127.0.0.1:" + closedPort)
                  .contains("unreachable");
            });
    assertThat(client.httpRequests()).isEqualTo(2);
  }

  @Test
  void trailingSlashesAreDropped() {
    assertThat(new SchemaRegistryClient("http://localhost:8080/apis/ccompat/v7//").baseUrl())
        .isEqualTo("http://localhost:8080/apis/ccompat/v7");
  }

  @Test
  void blankUrlIsRejected() {
    assertThatThrownBy(() -> new SchemaRegistryClient(" "))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

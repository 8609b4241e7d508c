package io.chronoshadow.console.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chronoshadow.console.auth.BearerAuth;
import io.chronoshadow.console.metrics.ConsoleMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console over HTTPS with a keystore made by keytool: a client trusting that certificate gets
 * answers, a client trusting the JDK's default authorities does not, and the port serves no plain
 * HTTP. Bad keystores stop the start with a line naming the file and the problem, never a password.
 */
class TlsServerTest {

  static final String PASSWORD = "ks-pass-5b7e0c";

  @TempDir static Path dir;
  static Path keystore;
  static ConsoleServer server;

  @BeforeAll
  static void start() throws Exception {
    keystore = SelfSignedKeystore.create(dir.resolve("console.p12"), PASSWORD);
    List<ApiRoute> routes =
        List.of(
            ApiRoute.get("/api/v1/ping")
                .handle(ctx -> Json.respond(ctx, 200, Json.object().put("pong", true))));
    server =
        new ConsoleServer(
                "127.0.0.1",
                0,
                List.of(),
                new BearerAuth("tls-test-token", false),
                new ConsoleMetrics(),
                QueryBudget.DEFAULTS,
                TlsKeystore.open(keystore, PASSWORD.toCharArray(), null),
                routes)
            .start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aClientTrustingTheCertificateIsServedOverHttps() throws Exception {
    assertThat(server.url()).isEqualTo("https://127.0.0.1:" + server.port());
    HttpClient client =
        HttpClient.newBuilder()
            .sslContext(SelfSignedKeystore.trusting(keystore, PASSWORD))
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/ping"))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"pong\":true}");
    assertThat(r.sslSession()).isPresent();
  }

  @Test
  void aClientNotTrustingTheCertificateIsRefused() {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    assertThatThrownBy(
            () ->
                client.send(
                    HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/ping"))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                    HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void plainHttpIsNotServedOnThePort() throws Exception {
    String answer = plainHttpExchange(server.port(), "GET /api/v1/ping HTTP/1.1");
    assertThat(answer).doesNotStartWith("HTTP/").doesNotContain("pong");
  }

  @Test
  void aWrongPasswordStopsTheStartNamingTheFileButNoPassword() {
    assertThatThrownBy(() -> TlsKeystore.open(keystore, "not-the-pass-3a".toCharArray(), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the TLS keystore password does not open " + keystore + " (wrong password)")
        .message()
        .doesNotContain(PASSWORD)
        .doesNotContain("not-the-pass-3a");
  }

  @Test
  void aMissingOrEmptyOrKeylessKeystoreStopsTheStartSayingWhy() throws Exception {
    Path missing = dir.resolve("nope.p12");
    assertThatThrownBy(() -> TlsKeystore.open(missing, PASSWORD.toCharArray(), null))
        .hasMessage("the TLS keystore " + missing + " does not exist");
    assertThatThrownBy(() -> TlsKeystore.open(keystore, new char[0], null))
        .hasMessage("the TLS keystore " + keystore + " needs its password");
    Path garbage = Files.writeString(dir.resolve("garbage.p12"), "not a keystore");
    assertThatThrownBy(() -> TlsKeystore.open(garbage, PASSWORD.toCharArray(), null))
        .hasMessageStartingWith("the TLS keystore " + garbage + " is not a readable PKCS12");
    Path keyless =
        SelfSignedKeystore.certificateOnly(keystore, PASSWORD, dir.resolve("keyless.p12"));
    assertThatThrownBy(() -> TlsKeystore.open(keyless, PASSWORD.toCharArray(), null))
        .hasMessageStartingWith(
            "the TLS keystore " + keyless + " holds no private key entry (1 trusted certificate");
  }

  @Test
  void aKeyWithItsOwnPasswordNeedsTheKeyPassword() throws Exception {
    // keytool gives a PKCS12 key the store's password; other tools may not: re-store the key
    // under a password of its own.
    KeyStore original = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      original.load(in, PASSWORD.toCharArray());
    }
    KeyStore separate = KeyStore.getInstance("PKCS12");
    separate.load(null, null);
    separate.setKeyEntry(
        "console",
        original.getKey("console", PASSWORD.toCharArray()),
        "key-pass-c3f1".toCharArray(),
        original.getCertificateChain("console"));
    Path file = dir.resolve("separate.p12");
    try (OutputStream out = Files.newOutputStream(file)) {
      separate.store(out, PASSWORD.toCharArray());
    }
    assertThatThrownBy(() -> TlsKeystore.open(file, PASSWORD.toCharArray(), null))
        .hasMessage("the TLS key password does not open the key 'console' in " + file);
    assertThat(
            TlsKeystore.open(file, PASSWORD.toCharArray(), "key-pass-c3f1".toCharArray())
                .keyAliases())
        .containsExactly("console");
  }

  /** What a plain-HTTP client gets back from the port, to the connection's end. */
  private static String plainHttpExchange(int port, String requestLine) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(30_000);
      socket
          .getOutputStream()
          .write(
              (requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.ISO_8859_1));
      InputStream in = socket.getInputStream();
      try {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      } catch (SocketException reset) {
        return ""; // the server dropped the connection: nothing served
      }
    }
  }
}

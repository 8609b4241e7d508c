package io.chronoshadow.console.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chronoshadow.console.auth.BearerAuth;
import io.chronoshadow.console.metrics.ConsoleMetrics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every failure the server itself can produce — unknown routes, wrong methods, malformed paths and
 * request lines, wrong content types, oversize bodies, a bug in a handler — answers with the JSON
 * error body, never the web server's HTML page or a stack trace; HEAD mirrors GET.
 */
class ConsoleServerErrorsTest {

  static final String TOKEN = "secret-token";
  static ConsoleServer server;
  static RawHttp http;

  @BeforeAll
  static void start() {
    List<ApiRoute> routes =
        List.of(
            ApiRoute.get("/api/v1/things/{id}")
                .params(ApiParam.path("id", "a thing"))
                .handle(
                    ctx -> {
                      if (ctx.pathParam("id").equals("boom")) {
                        throw new IllegalStateException("secret internals of the handler");
                      }
                      if (ctx.pathParam("id").equals("error")) {
                        throw new StackOverflowError("secret internals of the handler");
                      }
                      Json.respond(ctx, 200, Json.object().put("id", ctx.pathParam("id")));
                    }),
            ApiRoute.put("/api/v1/things/{id}")
                .params(ApiParam.path("id", "a thing"))
                .body("Thing")
                .handle(ctx -> Json.respond(ctx, 200, Json.body(ctx))));
    server =
        new ConsoleServer(
                "127.0.0.1",
                0,
                List.of(),
                new BearerAuth(TOKEN, false),
                new ConsoleMetrics(),
                routes)
            .start();
    http = new RawHttp(server.port());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  static JsonNode jsonError(RawHttp.Response r, int status) throws Exception {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.header("content-type")).as(r.body()).startsWith("application/json");
    JsonNode body = Json.MAPPER.readTree(r.body());
    assertThat(body.get("code").asText()).isNotBlank();
    assertThat(body.get("message").asText()).isNotBlank();
    return body;
  }

  @Test
  void unknownRoutesAndMethodsAreJson() throws Exception {
    assertThat(jsonError(http.get("/nope"), 404).get("code").asText()).isEqualTo("no_such_route");
    assertThat(
            jsonError(http.send("DELETE", "/api/v1/things/a", Map.of(), null), 405)
                .get("code")
                .asText())
        .isEqualTo("method_not_allowed");
    jsonError(http.send("BREW", "/api/v1/things/a", Map.of(), null), 405);
  }

  @Test
  void malformedPathsAndRequestLinesAreJson() throws Exception {
    for (String target :
        List.of(
            "/api/v1/things/a%00b",
            "/api/v1/things/a;b=c",
            "/api/v1/things/a;",
            "/api/v1/things/%zz",
            "/api/v1/things/%2e%2e/%2e%2e/etc",
            "/api/v1/things/..;/x")) {
      RawHttp.Response r = http.get(target);
      assertThat(r.status()).as(target + " " + r.body()).isBetween(400, 499);
      jsonError(r, r.status());
    }
    // a raw NUL byte in the request line: rejected by the HTTP parser itself, still JSON
    jsonError(http.get("/api/v1/things/a\u0000b"), 400);
  }

  @Test
  void aBugIsA500WithAReferenceAndNoInternals() throws Exception {
    RawHttp.Response r = http.get("/api/v1/things/boom");
    JsonNode body = jsonError(r, 500);
    assertThat(body.get("code").asText()).isEqualTo("internal_error");
    assertThat(r.body())
        .contains("reference")
        .doesNotContain("secret internals", "IllegalStateException", "at io.");
  }

  @Test
  void anErrorIsA500WithAReferenceAndNoInternals() throws Exception {
    RawHttp.Response r = http.get("/api/v1/things/error");
    assertThat(jsonError(r, 500).get("code").asText()).isEqualTo("internal_error");
    assertThat(r.body()).doesNotContain("secret internals", "StackOverflowError");
  }

  @Test
  void headIsGetWithoutABody() throws Exception {
    RawHttp.Response get = http.get("/api/v1/things/a");
    RawHttp.Response head = http.send("HEAD", "/api/v1/things/a", Map.of(), null);
    assertThat(head.status()).isEqualTo(get.status()).isEqualTo(200);
    assertThat(head.header("content-type")).isEqualTo(get.header("content-type"));
    assertThat(head.body()).isEmpty();
    RawHttp.Response missing = http.send("HEAD", "/nope", Map.of(), null);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.body()).isEmpty();
    // a target Jetty cannot decode is refused before a request exists, so before anyone knows
    // it was a HEAD: the same 400 as for GET (Jetty then closes the connection)
    RawHttp.Response malformed = http.send("HEAD", "/api/v1/things/%zz", Map.of(), null);
    assertThat(malformed.status()).isEqualTo(400);
  }

  @Test
  void bodiesMustBeJsonAndAtMostOneMebibyte() throws Exception {
    byte[] json = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    Map<String, String> auth = Map.of("Authorization", "Bearer " + TOKEN);
    RawHttp.Response ok =
        http.send(
            "PUT",
            "/api/v1/things/a",
            Map.of(
                "Authorization",
                "Bearer " + TOKEN,
                "Content-Type",
                "application/json; charset=utf-8"),
            json);
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    // no Content-Type at all is read as JSON (what minimal clients send)
    assertThat(http.send("PUT", "/api/v1/things/a", auth, json).status()).isEqualTo(200);
    for (String type :
        List.of("text/plain", "application/x-www-form-urlencoded", "application/xml")) {
      JsonNode e =
          jsonError(
              http.send(
                  "PUT",
                  "/api/v1/things/a",
                  Map.of("Authorization", "Bearer " + TOKEN, "Content-Type", type),
                  json),
              415);
      assertThat(e.get("code").asText()).isEqualTo("unsupported_media_type");
      assertThat(e.get("message").asText()).contains("application/json");
    }
    jsonError(http.send("PUT", "/api/v1/things/a", auth, new byte[(1 << 20) + 1]), 413);
  }
}

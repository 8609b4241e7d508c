package io.chronoshadow.console.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Calls every operation of a console's OpenAPI document without a token, with a wrong one and with
 * the right one, and reports each answer that contradicts the route's {@link Access} as the server
 * declares it: a route that needs the token answers 401 (JSON, {@code WWW-Authenticate: Bearer})
 * without it or with a wrong one and anything but 401 with it; a route that does not need it never
 * answers 401. GETs are also called as HEAD. The document must mark exactly the routes that need
 * the token, and list exactly the server's routes.
 *
 * <p>Path parameters name nothing ({@link #NOTHING}) and write bodies are not valid ones, so that a
 * call with the right token changes no state: it ends in a 400 or 404 past the token check.
 */
public final class AuthWalk {

  public static final String NOTHING = "zz-auth-walk";

  private final RawHttp http;
  private final String token;
  private final String wrongToken;

  public AuthWalk(RawHttp http, String token, String wrongToken) {
    this.http = http;
    this.token = token;
    this.wrongToken = wrongToken;
  }

  /**
   * @param routes the server's routes: their {@link Access} is what is expected
   * @param readsNeedToken how the console under test is configured
   * @return one line per contradiction; empty when every route behaves as declared
   */
  public List<String> run(JsonNode document, List<ApiRoute> routes, boolean readsNeedToken)
      throws Exception {
    Map<String, Access> declared = new LinkedHashMap<>();
    for (ApiRoute route : routes) {
      declared.put(route.method().name() + " " + route.path(), route.access());
    }
    List<String> problems = new ArrayList<>();
    List<ApiOperation> operations = ApiOperation.all(document);
    if (operations.size() != declared.size()) {
      problems.add(
          "the document lists " + operations.size() + " operations, the server " + declared.size());
    }
    for (ApiOperation op : operations) {
      Access access = declared.get(op.key());
      if (access == null) {
        problems.add(op.key() + ": in the document but not a route of the server");
        continue;
      }
      boolean needsToken = access == Access.WRITE || (access == Access.READ && readsNeedToken);
      if (op.documentedAsSecured() != needsToken) {
        problems.add(
            op.key()
                + ": "
                + access
                + " but the document says security="
                + op.documentedAsSecured());
      }
      String target = op.target(segment -> NOTHING);
      List<String> methods =
          op.method().equals("GET") ? List.of("GET", "HEAD") : List.of(op.method());
      for (String method : methods) {
        check(problems, op, method, target, null, needsToken);
        check(problems, op, method, target, "Bearer " + wrongToken, needsToken);
        check(problems, op, method, target, "Basic " + token, needsToken);
        RawHttp.Response authorised = send(op, method, target, "Bearer " + token);
        if (authorised.status() == 401) {
          problems.add(method + " " + target + " with the token: 401 " + authorised.body());
        }
      }
    }
    return problems;
  }

  private void check(
      List<String> problems,
      ApiOperation op,
      String method,
      String target,
      String authorization,
      boolean needsToken)
      throws Exception {
    RawHttp.Response r = send(op, method, target, authorization);
    String call =
        method
            + " "
            + target
            + " with "
            + (authorization == null
                ? "no token"
                : "'" + authorization.split(" ")[0] + " <not the token>'");
    if (!needsToken) {
      if (r.status() == 401) {
        problems.add(call + ": 401 on a route that needs no token");
      }
      return;
    }
    if (r.status() != 401) {
      problems.add(call + ": " + r.status() + " instead of 401");
      return;
    }
    if (!"Bearer".equals(r.header("WWW-Authenticate"))) {
      problems.add(call + ": 401 without WWW-Authenticate: Bearer");
    }
    if (method.equals("HEAD")) {
      return; // no body to check
    }
    String type = r.header("content-type");
    JsonNode body =
        type != null && type.startsWith("application/json") ? Json.MAPPER.readTree(r.body()) : null;
    if (body == null || !"unauthorized".equals(body.path("code").asText())) {
      problems.add(call + ": 401 without the JSON error body: " + type + " " + r.body());
    }
  }

  private RawHttp.Response send(ApiOperation op, String method, String target, String authorization)
      throws Exception {
    Map<String, String> headers = new LinkedHashMap<>();
    if (authorization != null) {
      headers.put("Authorization", authorization);
    }
    byte[] body = null;
    if (op.spec().has("requestBody")) {
      headers.put("Content-Type", "application/json");
      body = "{\"auth-walk\":true}".getBytes(StandardCharsets.UTF_8); // never a valid body
    }
    return http.send(method, target, headers, body);
  }
}

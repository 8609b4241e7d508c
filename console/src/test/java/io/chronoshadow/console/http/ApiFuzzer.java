package io.chronoshadow.console.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Malformed requests generated from an OpenAPI document: every operation it lists, with bad, huge,
 * wrongly typed and oddly encoded parameters, NUL, {@code ;} and percent-encoding in paths, wrong
 * methods and content types, broken and oversized bodies. Seeded, and each request is logged with
 * its seed and index, so a failure replays exactly. A response is a failure when it is a 5xx (other
 * than the ones {@code tolerated} names by code) or an error without the JSON error body.
 *
 * <p>Write operations get the token only with a path parameter that names nothing and a body that
 * is never a valid one, so a fuzz run changes no state another test could see.
 */
public final class ApiFuzzer {

  private static final Logger LOG = LoggerFactory.getLogger(ApiFuzzer.class);

  /** Values a parameter may take, as text; encoded in the query unless raw. */
  private static final List<String> VALUES =
      List.of(
          "",
          " ",
          "-1",
          "0",
          "1",
          "2147483648",
          "99999999999999999999",
          "-99999999999999999999",
          "1e309",
          "NaN",
          "Infinity",
          "0.5",
          "true",
          "null",
          "[]",
          "{}",
          "<script>alert(1)</script>",
          "'; DROP TABLE x; --",
          "\"",
          "ü€",
          "\u0000",
          ";",
          "a;b=c",
          "../../etc/passwd",
          "x".repeat(1025),
          "y".repeat(5000),
          "2026-01-01T00:00:00Z",
          "+999999999-12-31T23:59:59Z",
          "-999999999-01-01T00:00:00Z",
          "1969-12-31T23:59:59Z",
          "2026-13-45T99:99:99Z",
          "10m",
          "100000d",
          "99999999999999d",
          "PT-1S",
          "P9999999999D",
          "PT0S",
          "id:1",
          "id:eq:1",
          "id:lt:abc",
          "price:ge:NaN",
          "nope:null",
          "shop",
          "shop__orders",
          "shadow-shop-20260101T000000.000Z",
          "shadow-shop-99999999T999999.999Z",
          "shadow-shop-+999999999-12-31");

  /** Raw fragments put into a path or query as they are (not encoded). */
  private static final List<String> RAW =
      List.of("%00", "%zz", "%", "%2", "%3B", ";", "%2F", "%2e%2e", "%F0%9F%92%A9", "%C0%AF", "+");

  private static final List<String> METHODS =
      List.of("PATCH", "DELETE", "PUT", "POST", "GET", "HEAD", "OPTIONS", "BREW", "TRACE");

  private static final List<String> CONTENT_TYPES =
      List.of(
          "application/json",
          "application/json; charset=utf-8",
          "text/plain",
          "application/x-www-form-urlencoded",
          "multipart/form-data; boundary=x",
          "application/xml",
          "garbage",
          "");

  /** One generated request and what came back. */
  public record Outcome(int index, String method, String target, int status, String problem) {}

  private final RawHttp http;
  private final String token;
  private final List<String> tolerated;
  private final List<ApiOperation> operations;

  /**
   * @param document the OpenAPI document whose operations to fuzz
   * @param token the bearer token (write operations get it only when harmless, see above)
   * @param tolerated error codes a 5xx may carry without being a failure (e.g. a dependency that is
   *     absent by design)
   */
  public ApiFuzzer(RawHttp http, JsonNode document, String token, List<String> tolerated) {
    this.http = http;
    this.token = token;
    this.tolerated = List.copyOf(tolerated);
    this.operations = ApiOperation.all(document);
  }

  public int operations() {
    return operations.size();
  }

  /** Sends {@code count} requests from {@code seed}, cycling through every operation. */
  public List<Outcome> run(long seed, int count) throws Exception {
    Random random = new Random(seed);
    List<Outcome> failures = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ApiOperation op = operations.get(i % operations.size());
      Outcome outcome = send(i, op, random);
      if (outcome.problem() != null) {
        failures.add(outcome);
        LOG.warn("fuzz seed {} #{}: {}", seed, i, outcome);
      } else {
        LOG.debug("fuzz seed {} #{}: {}", seed, i, outcome);
      }
    }
    LOG.info(
        "fuzz seed {}: {} requests over {} operations, {} failures",
        seed,
        count,
        operations.size(),
        failures.size());
    return failures;
  }

  private Outcome send(int index, ApiOperation op, Random random) throws Exception {
    boolean write = !op.method().equals("GET");
    String method = random.nextInt(8) == 0 ? pick(METHODS, random) : op.method();
    boolean authorised = random.nextBoolean();
    // a write with the token must name nothing real: its path parameters are always mutated
    boolean harmless = !(authorised && (write || !method.equals("GET")));
    String target = path(op, random, !harmless) + query(op, random);
    Map<String, String> headers = new LinkedHashMap<>();
    if (authorised) {
      headers.put("Authorization", "Bearer " + token);
    } else if (random.nextInt(4) == 0) {
      headers.put(
          "Authorization", pick(List.of("Bearer", "Bearer x", "Basic Zm9vOmJhcg=="), random));
    }
    byte[] body = null;
    if (!method.equals("GET") && !method.equals("HEAD") && random.nextInt(3) > 0) {
      body = body(random);
      String type = pick(CONTENT_TYPES, random);
      if (!type.isEmpty()) {
        headers.put("Content-Type", type);
      }
    }
    RawHttp.Response r = http.send(method, target, headers, body);
    return new Outcome(index, method, printable(target), r.status(), problem(method, r));
  }

  private String problem(String method, RawHttp.Response r) {
    if (r.status() < 400) {
      return null;
    }
    if (method.equals("HEAD")) {
      // Jetty refuses an undecodable target before a request (and its method) exists; it then
      // closes the connection, so that body cannot be taken for the next answer's start.
      boolean refusedBeforeRouting =
          r.status() == 400 && r.body().contains("\"code\":\"malformed_request\"");
      return r.body().isEmpty() || refusedBeforeRouting ? null : "a HEAD answer with a body";
    }
    String type = r.header("content-type");
    if (type == null || !type.startsWith("application/json")) {
      return "error " + r.status() + " is not JSON (" + type + "): " + head(r.body());
    }
    JsonNode error;
    try {
      error = Json.MAPPER.readTree(r.body());
    } catch (Exception e) {
      return "error " + r.status() + " body does not parse: " + head(r.body());
    }
    if (!error.hasNonNull("code") || !error.hasNonNull("message")) {
      return "error " + r.status() + " without code and message: " + head(r.body());
    }
    if (r.body().contains("\tat ") || r.body().contains("Exception:")) {
      return "error " + r.status() + " shows internals: " + head(r.body());
    }
    if (r.status() >= 500 && !tolerated.contains(error.get("code").asText())) {
      return "server error " + r.status() + ": " + head(r.body());
    }
    return null;
  }

  private static String path(ApiOperation op, Random random, boolean mustMutate) {
    String path = op.target(segment -> pathValue(segment, random, mustMutate));
    switch (random.nextInt(12)) {
      case 0 -> path = path + pick(RAW, random);
      case 1 -> path = path.replaceFirst("/api", "/api;x=1");
      case 2 -> path = path + "/" + enc(pick(VALUES, random));
      case 3 -> path = path.toUpperCase(Locale.ROOT);
      case 4 -> path = path + "//";
      default -> {
        // as generated
      }
    }
    return path;
  }

  private static String pathValue(String segment, Random random, boolean mustMutate) {
    if (!mustMutate && random.nextInt(3) == 0) {
      return switch (segment) {
        case "{group}" -> "shop";
        case "{table}" -> "shop__orders";
        default -> "shadow-shop-20260101T000000.000Z";
      };
    }
    if (random.nextInt(4) == 0) {
      return "fuzz" + pick(RAW, random) + "x";
    }
    String value = pick(VALUES, random);
    // a write must not land on the real group: a mutated name never equals it
    if (value.equals("shop") || value.isEmpty() || value.isBlank()) {
      value = "zz-fuzz-" + random.nextInt(1000);
    }
    return enc(value);
  }

  private static String query(ApiOperation op, Random random) {
    List<String> names = new ArrayList<>();
    JsonNode params = op.spec().path("parameters");
    for (JsonNode p : params) {
      if (p.path("in").asText().equals("query")) {
        names.add(p.get("name").asText());
      }
    }
    List<String> parts = new ArrayList<>();
    for (String name : names) {
      int times = random.nextInt(3) == 0 ? 0 : random.nextInt(10) == 0 ? 40 : 1;
      for (int t = 0; t < times; t++) {
        parts.add(enc(name) + "=" + value(random));
      }
    }
    if (random.nextInt(5) == 0) {
      parts.add(pick(RAW, random) + "=" + value(random));
    }
    if (random.nextInt(20) == 0) {
      for (int i = 0; i < 40; i++) {
        parts.add("p" + i + "=1");
      }
    }
    return parts.isEmpty() ? "" : "?" + String.join("&", parts);
  }

  private static String value(Random random) {
    return random.nextInt(5) == 0 ? pick(RAW, random) : enc(pick(VALUES, random));
  }

  private static byte[] body(Random random) {
    String text =
        switch (random.nextInt(12)) {
          case 0 -> "";
          case 1 -> "{";
          case 2 -> "[]";
          case 3 -> "null";
          case 4 -> "{\"type\":123,\"interval\":[]}";
          case 5 -> "{\"type\":\"fixed\",\"interval\":\"PT-1S\",\"extra\":1}";
          case 6 -> "[".repeat(5000) + "]".repeat(5000);
          case 7 -> "{\"targetChanges\":99999999999999999999999999999}";
          case 8 -> "\u0000\u0001\u0002";
          case 9 -> "x".repeat(64 * 1024);
          case 10 -> "{\"group\":\"\\u0000\",\"type\":\"adaptive\",\"min\":\"1d\",\"max\":\"1s\"}";
          default -> "type=fixed&interval=1m";
        };
    if (random.nextInt(100) == 0) {
      return new byte[(1 << 20) + 1]; // over the 1 MiB bound
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static <T> T pick(List<T> list, Random random) {
    return list.get(random.nextInt(list.size()));
  }

  private static String printable(String text) {
    String shown = text.replaceAll("\\p{Cntrl}", "?");
    return shown.length() <= 160 ? shown : shown.substring(0, 160) + "…";
  }

  private static String head(String body) {
    return printable(body.length() <= 300 ? body : body.substring(0, 300));
  }
}

package io.chronoshadow.console.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The OpenAPI 3 document of the console, built from the same {@link ApiRoute} list the server
 * registers — so it lists exactly the routes the server has.
 */
public final class OpenApiDocument {

  private OpenApiDocument() {}

  public static ObjectNode build(List<ApiRoute> routes, String version, boolean readsNeedToken) {
    ObjectNode doc = Json.object();
    doc.put("openapi", "3.0.3");
    ObjectNode info = doc.putObject("info");
    info.put("title", "Chrono-Shadow console API");
    info.put("version", version);
    info.put(
        "description",
        "Policies, shadows, point-in-time queries, diffs, health and metrics of Chrono-Shadow."
            + " Mutating calls need 'Authorization: Bearer <token>'"
            + (readsNeedToken ? "; so do reads on this server." : "; reads do not on this server.")
            + " Every error is JSON {code, message, field?}.");
    Map<String, ObjectNode> paths = new TreeMap<>();
    for (ApiRoute route : routes) {
      ObjectNode path = paths.computeIfAbsent(route.path(), p -> Json.object());
      path.set(route.method().name().toLowerCase(Locale.ROOT), operation(route, readsNeedToken));
    }
    ObjectNode pathsNode = doc.putObject("paths");
    paths.forEach(pathsNode::set);
    doc.set("components", components());
    return doc;
  }

  private static ObjectNode operation(ApiRoute route, boolean readsNeedToken) {
    ObjectNode op = Json.object();
    op.putArray("tags").add(route.tag());
    op.put("summary", route.summary());
    op.put("operationId", operationId(route));
    if (!route.params().isEmpty()) {
      ArrayNode params = op.putArray("parameters");
      for (ApiParam p : route.params()) {
        params.add(parameter(p));
      }
    }
    if (route.requestBody() != null) {
      ObjectNode body = op.putObject("requestBody");
      body.put("required", true);
      body.putObject("content")
          .putObject("application/json")
          .putObject("schema")
          .put("$ref", "#/components/schemas/" + route.requestBody());
    }
    boolean secured =
        route.access() == Access.WRITE || (route.access() == Access.READ && readsNeedToken);
    if (secured) {
      op.putArray("security").addObject().putArray("bearer");
    }
    ObjectNode responses = op.putObject("responses");
    ObjectNode ok = responses.putObject(Integer.toString(route.successStatus()));
    ok.put("description", route.successStatus() == 204 ? "done, no content" : "success");
    if (route.successStatus() != 204) {
      ObjectNode content = ok.putObject("content");
      for (String media : route.produces()) {
        ObjectNode schema = content.putObject(media).putObject("schema");
        if (media.equals("application/json")) {
          schema.put("type", "object");
        } else {
          schema.put("type", "string");
        }
      }
    }
    if (route.access() != Access.PUBLIC) {
      error(responses, "400", "the request is invalid; message and field say what to fix");
      error(responses, "404", "no such group, table, shadow, policy or request");
    }
    if (route.requestBody() != null) {
      error(responses, "413", "the body is larger than 1 MiB");
      error(responses, "415", "the body's Content-Type is not application/json");
    }
    if (secured) {
      error(responses, "401", "the bearer token is missing or wrong");
    }
    if (route.path().equals("/health/ready")) {
      error(responses, "503", "not ready; the body names the failing checks");
    }
    return op;
  }

  private static void error(ObjectNode responses, String status, String description) {
    ObjectNode r = responses.putObject(status);
    r.put("description", description);
    r.putObject("content")
        .putObject("application/json")
        .putObject("schema")
        .put("$ref", "#/components/schemas/Error");
  }

  private static ObjectNode parameter(ApiParam p) {
    ObjectNode node = Json.object();
    node.put("name", p.name());
    node.put("in", p.in());
    node.put("required", p.required());
    node.put("description", p.description());
    ObjectNode schema = node.putObject("schema");
    String type = p.type();
    if (type.startsWith("array:")) {
      node.put("style", "form");
      node.put("explode", true);
      schema.put("type", "array");
      schema.put("maxItems", ApiParam.MAX_REPEATS);
      bounds(schema.putObject("items").put("type", type.substring("array:".length())), p);
    } else {
      schema.put("type", type);
      if (p.format() != null) {
        schema.put("format", p.format());
      }
      if (!p.allowed().isEmpty()) {
        ArrayNode values = schema.putArray("enum");
        p.allowed().forEach(values::add);
      }
      bounds(schema, p);
    }
    return node;
  }

  private static void bounds(ObjectNode schema, ApiParam p) {
    if (p.minimum() != null) {
      schema.put("minimum", p.minimum());
    }
    if (p.maximum() != null) {
      schema.put("maximum", p.maximum());
    }
    if ("string".equals(schema.path("type").asText())) {
      schema.put("maxLength", p.maxLength());
    }
  }

  private static String operationId(ApiRoute route) {
    StringBuilder id = new StringBuilder(route.method().name().toLowerCase(Locale.ROOT));
    for (String part : route.path().split("[/{}.-]+")) {
      if (!part.isEmpty()) {
        id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return id.toString();
  }

  private static ObjectNode components() {
    ObjectNode components = Json.object();
    components
        .putObject("securitySchemes")
        .putObject("bearer")
        .put("type", "http")
        .put("scheme", "bearer");
    ObjectNode schemas = components.putObject("schemas");
    ObjectNode error = schemas.putObject("Error");
    error.put("type", "object");
    error.putArray("required").add("code").add("message");
    ObjectNode errorProps = error.putObject("properties");
    errorProps.putObject("code").put("type", "string");
    errorProps.putObject("message").put("type", "string");
    errorProps.putObject("field").put("type", "string");
    ObjectNode violation = errorProps.putObject("violations");
    violation.put("type", "array");
    ObjectNode item = violation.putObject("items");
    item.put("type", "object");
    item.putObject("properties").putObject("field").put("type", "string");
    ((ObjectNode) item.get("properties")).putObject("message").put("type", "string");
    schemas.set("Policy", policy(false));
    schemas.set("GroupPolicy", policy(true));
    return components;
  }

  private static ObjectNode policy(boolean withGroup) {
    ObjectNode schema = Json.object();
    schema.put("type", "object");
    schema.put(
        "description",
        "fixed: {type, interval}; adaptive: {type, min, max, targetChanges, smoothing?}."
            + " Durations ISO-8601 (PT1H) or shorthand (1h, 15m, 30s, 500ms, 1d).");
    ArrayNode required = schema.putArray("required");
    if (withGroup) {
      required.add("group");
    }
    required.add("type");
    ObjectNode props = schema.putObject("properties");
    if (withGroup) {
      props.putObject("group").put("type", "string").put("pattern", "^[a-z0-9][a-z0-9_-]{0,62}$");
    }
    props.putObject("type").put("type", "string").putArray("enum").add("fixed").add("adaptive");
    props.putObject("interval").put("type", "string");
    props.putObject("min").put("type", "string");
    props.putObject("max").put("type", "string");
    props.putObject("targetChanges").put("type", "integer").put("format", "int64");
    props.putObject("smoothing").put("type", "number");
    schema.put("additionalProperties", false);
    return schema;
  }
}

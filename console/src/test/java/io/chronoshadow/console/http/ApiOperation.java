package io.chronoshadow.console.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/** One operation of an OpenAPI document: method (upper case), path template and its spec. */
public record ApiOperation(String method, String path, JsonNode spec) {

  /** Every operation the document lists, in its order. */
  public static List<ApiOperation> all(JsonNode document) {
    List<ApiOperation> operations = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields();
    while (paths.hasNext()) {
      Map.Entry<String, JsonNode> path = paths.next();
      path.getValue()
          .fields()
          .forEachRemaining(
              op ->
                  operations.add(
                      new ApiOperation(
                          op.getKey().toUpperCase(Locale.ROOT), path.getKey(), op.getValue())));
    }
    return operations;
  }

  /** {@code GET /x/{y}}: how the server's route table names it too. */
  public String key() {
    return method + " " + path;
  }

  /** Whether the document asks for the bearer token on it. */
  public boolean documentedAsSecured() {
    return spec.has("security");
  }

  /** The path with each {@code {param}} segment replaced by {@code value(segment)}. */
  public String target(UnaryOperator<String> value) {
    StringBuilder out = new StringBuilder();
    for (String segment : path.split("/", -1)) {
      if (out.length() > 0 || !segment.isEmpty()) {
        out.append('/');
      }
      out.append(segment.startsWith("{") ? value.apply(segment) : segment);
    }
    return out.toString();
  }
}

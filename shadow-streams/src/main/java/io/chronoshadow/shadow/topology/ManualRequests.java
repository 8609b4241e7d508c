package io.chronoshadow.shadow.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chronoshadow.shadow.cut.ManualCutRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Wire form of the manual cut requests topic ({@code chrono.shadow-requests}): {@code
 * {"group":"shop","requestId":"r-1","requestedAt":"2026-01-01T10:15:00Z"}}. Without {@code
 * requestedAt} the record's timestamp is the requested time: the request is in the log either way,
 * so a replay cuts at the same time.
 */
public final class ManualRequests {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ManualRequests() {}

  /** JSON for a request, as the REST API or CLI would produce it. */
  public static String toJson(String group, String requestId, Instant requestedAt) {
    ObjectNode node = JSON.createObjectNode();
    node.put("group", group);
    node.put("requestId", requestId);
    if (requestedAt != null) {
      node.put("requestedAt", requestedAt.toString());
    }
    return node.toString();
  }

  /**
   * The request if it is for {@code group}; empty for other groups.
   *
   * @throws IllegalArgumentException when the value is not a valid request
   */
  static Optional<ManualCutRequest> parse(byte[] value, String group, long recordTimestamp) {
    JsonNode node;
    try {
      node = JSON.readTree(value);
    } catch (IOException e) {
      throw new IllegalArgumentException("manual cut request is not JSON: " + e.getMessage(), e);
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(
          "manual cut request must be a JSON object: " + new String(value, StandardCharsets.UTF_8));
    }
    JsonNode g = node.get("group");
    JsonNode id = node.get("requestId");
    if (g == null || !g.isTextual() || id == null || !id.isTextual() || id.asText().isEmpty()) {
      throw new IllegalArgumentException(
          "manual cut request needs text fields group and requestId");
    }
    if (!group.equals(g.asText())) {
      return Optional.empty();
    }
    Instant at;
    JsonNode t = node.get("requestedAt");
    try {
      at =
          t == null || t.isNull()
              ? Instant.ofEpochMilli(recordTimestamp)
              : Instant.parse(t.asText());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "manual cut request: requestedAt must be an ISO-8601 instant (was " + t + ")", e);
    }
    return Optional.of(new ManualCutRequest(at, id.asText()));
  }
}

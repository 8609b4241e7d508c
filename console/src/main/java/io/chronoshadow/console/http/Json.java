package io.chronoshadow.console.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Map;

/** The console's JSON: one mapper, and Iceberg/Java values rendered as JSON values. */
public final class Json {

  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  /** Writes {@code body} with {@code status}. */
  public static void respond(Context ctx, int status, JsonNode body) {
    ctx.status(status).contentType("application/json").result(bytes(body));
  }

  public static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot happen: a tree of plain values", e);
    }
  }

  /**
   * Parses a request body; malformed JSON is the client's to fix, so it is a 400 naming where the
   * parser stopped (never a 500).
   */
  public static JsonNode body(Context ctx) {
    String text = ctx.body();
    if (text.isBlank()) {
      throw ApiError.badRequest(null, "the request body is empty; send a JSON object");
    }
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ApiError(
          400,
          "malformed_json",
          "the request body is not valid JSON: " + e.getOriginalMessage(),
          null);
    }
  }

  /** A row (column → Iceberg value) as a JSON object. */
  public static ObjectNode row(Map<String, Object> row) {
    ObjectNode node = object();
    row.forEach((column, value) -> node.set(column, value(value)));
    return node;
  }

  /**
   * Numbers and booleans stay JSON numbers and booleans; dates, times and UUIDs are their ISO/text
   * forms; binary is base64.
   */
  public static JsonNode value(Object value) {
    if (value == null) {
      return MAPPER.nullNode();
    }
    if (value instanceof Integer i) {
      return MAPPER.getNodeFactory().numberNode(i);
    }
    if (value instanceof Long l) {
      return MAPPER.getNodeFactory().numberNode(l);
    }
    if (value instanceof Double d) {
      return MAPPER.getNodeFactory().numberNode(d);
    }
    if (value instanceof Float f) {
      return MAPPER.getNodeFactory().numberNode(f);
    }
    if (value instanceof BigDecimal b) {
      return MAPPER.getNodeFactory().numberNode(b);
    }
    if (value instanceof Boolean b) {
      return MAPPER.getNodeFactory().booleanNode(b);
    }
    return MAPPER.getNodeFactory().textNode(text(value));
  }

  /** The text form of a value, as JSON strings and CSV cells show it. */
  public static String text(Object value) {
    if (value instanceof ByteBuffer buffer) {
      ByteBuffer copy = buffer.duplicate();
      byte[] bytes = new byte[copy.remaining()];
      copy.get(bytes);
      return Base64.getEncoder().encodeToString(bytes);
    }
    if (value instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    if (value instanceof BigDecimal b) {
      return b.toPlainString();
    }
    return String.valueOf(value);
  }
}

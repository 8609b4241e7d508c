package io.chronoshadow.prophet.learn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON form of a {@link ModelVersion} in the {@code chrono.models} topic. Explicit field by field
 * (no reflection), so renaming a Java field can never silently change the wire form, and a missing
 * field is reported by name.
 */
final class ModelVersionCodec {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ModelVersionCodec() {}

  static byte[] encode(ModelVersion v) {
    ObjectNode root = JSON.createObjectNode();
    root.put("group", v.group());
    root.put("architecture", v.architecture().label());
    root.put("version", v.version());
    root.put("createdAt", v.createdAt().toString());
    root.put("reason", v.reason());
    root.put("network", v.network());
    root.put("trainedSteps", v.trainedSteps());
    root.put("epochs", v.epochs());
    root.put("millisPerEpoch", v.millisPerEpoch());
    ArrayNode backtests = root.putArray("backtests");
    for (LearnedBacktest.Result r : v.backtests()) {
      backtests
          .addObject()
          .put("series", r.seriesId())
          .put("learnedMase", r.learnedMase())
          .put("learnedSmape", r.learnedSmape())
          .put("statisticalModel", r.statisticalModel())
          .put("statisticalMase", r.statisticalMase())
          .put("statisticalSmape", r.statisticalSmape())
          .put("origins", r.origins());
    }
    ArrayNode served = root.putArray("servedSeries");
    v.servedSeries().forEach(served::add);
    root.put("location", v.location());
    try {
      return JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode " + v.id(), e);
    }
  }

  static ModelVersion decode(byte[] bytes) throws IOException {
    JsonNode root = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
    List<LearnedBacktest.Result> backtests = new ArrayList<>();
    for (JsonNode b : field(root, "backtests")) {
      backtests.add(
          new LearnedBacktest.Result(
              field(b, "series").asText(),
              field(b, "learnedMase").asDouble(),
              field(b, "learnedSmape").asDouble(),
              field(b, "statisticalModel").asText(),
              field(b, "statisticalMase").asDouble(),
              field(b, "statisticalSmape").asDouble(),
              field(b, "origins").asInt()));
    }
    List<String> served = new ArrayList<>();
    field(root, "servedSeries").forEach(s -> served.add(s.asText()));
    try {
      return new ModelVersion(
          field(root, "group").asText(),
          Architecture.fromLabel(field(root, "architecture").asText()),
          field(root, "version").asLong(),
          Instant.parse(field(root, "createdAt").asText()),
          field(root, "reason").asText(),
          field(root, "network").asText(),
          field(root, "trainedSteps").asInt(),
          field(root, "epochs").asInt(),
          field(root, "millisPerEpoch").asDouble(),
          backtests,
          served,
          field(root, "location").asText());
    } catch (RuntimeException e) {
      throw new IOException("malformed model record: " + e.getMessage(), e);
    }
  }

  private static JsonNode field(JsonNode node, String name) throws IOException {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      throw new IOException("model record lacks field '" + name + "'");
    }
    return value;
  }
}

package io.chronoshadow.shadow.topology;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chronoshadow.shadow.cut.Cut;
import io.chronoshadow.shadow.cut.CutTrigger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** JSON form of a {@link Cut} waiting in the state store to be committed. */
final class CutCodec {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Long>> COUNTS = new TypeReference<>() {};
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private CutCodec() {}

  static byte[] encode(Cut cut) {
    ObjectNode node = JSON.createObjectNode();
    node.put("group", cut.group());
    node.put("sequence", cut.sequence());
    node.put("cutMillis", cut.cutTime().toEpochMilli());
    node.put("shadowId", cut.shadowId());
    node.put("trigger", cut.trigger().name());
    node.put("transactionCount", cut.transactionCount());
    node.put("lastTxId", cut.lastTxId());
    node.set("cumulativeCounts", JSON.valueToTree(cut.cumulativeCounts()));
    node.set("shadowCounts", JSON.valueToTree(cut.shadowCounts()));
    node.set("requestIds", JSON.valueToTree(cut.requestIds()));
    node.put("lateTransactions", cut.lateTransactions());
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Cut decode(byte[] bytes) {
    try {
      JsonNode n = JSON.readTree(bytes);
      return new Cut(
          n.get("group").asText(),
          n.get("sequence").asLong(),
          Instant.ofEpochMilli(n.get("cutMillis").asLong()),
          n.get("shadowId").asText(),
          CutTrigger.valueOf(n.get("trigger").asText()),
          n.get("transactionCount").asLong(),
          n.get("lastTxId").asText(),
          JSON.convertValue(n.get("cumulativeCounts"), COUNTS),
          JSON.convertValue(n.get("shadowCounts"), COUNTS),
          JSON.convertValue(n.get("requestIds"), STRINGS),
          n.path("lateTransactions").asLong(0));
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable cut", e);
    }
  }
}

package io.chronoshadow.schemas.change;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chronoshadow.schemas.connect.ConnectAvroData;
import io.chronoshadow.schemas.registry.SchemaRegistry;
import io.chronoshadow.schemas.wire.RegistryAvroCodec;
import io.chronoshadow.schemas.wire.WireFormat;
import io.chronoshadow.schemas.wire.WireFormatException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;

/**
 * Reads the key or value bytes of a Debezium record in whichever format it was written: Confluent
 * wire-format Avro (first byte 0), or JSON (first non-blank byte '{'), with an embedded schema
 * ({@code {"schema":…, "payload":…}}, Debezium's JsonConverter with {@code schemas.enable=true}) or
 * without one.
 */
final class PayloadDecoder {
  /** A decoded payload: a Connect value of {@code schema}, or plain Java values if it is null. */
  record Payload(Schema schema, Object value) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final RegistryAvroCodec avro;
  private final ConnectAvroData avroData = new ConnectAvroData();
  private final JsonConverter jsonWithSchemas = new JsonConverter();

  /** {@code registry} may be null when only JSON is expected. */
  PayloadDecoder(SchemaRegistry registry) {
    this.avro = registry == null ? null : new RegistryAvroCodec(registry);
    jsonWithSchemas.configure(Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, true), false);
  }

  Payload decode(String topic, byte[] bytes) {
    if (bytes.length == 0) {
      throw new DecodeFailure(DecodeException.Reason.MALFORMED_BYTES, "empty payload");
    }
    if (bytes[0] == WireFormat.MAGIC_BYTE) {
      return decodeAvro(bytes);
    }
    if (firstNonBlank(bytes) == '{') {
      return decodeJson(topic, bytes);
    }
    throw new DecodeFailure(
        DecodeException.Reason.MALFORMED_BYTES,
        String.format(
            "neither Confluent wire format (magic byte 0) nor a JSON object: first byte 0x%02x",
            bytes[0] & 0xff));
  }

  private Payload decodeAvro(byte[] bytes) {
    if (avro == null) {
      throw new DecodeFailure(
          DecodeException.Reason.REGISTRY_UNAVAILABLE,
          "Avro wire format received but the decoder has no schema registry");
    }
    RegistryAvroCodec.Decoded decoded;
    try {
      decoded = avro.decode(bytes);
    } catch (WireFormatException e) {
      throw new DecodeFailure(reasonFor(e.reason()), e.getMessage(), e);
    }
    try {
      SchemaAndValue connect = avroData.toConnectData(decoded.writerSchema(), decoded.value());
      return new Payload(connect.schema(), connect.value());
    } catch (DataException e) {
      throw new DecodeFailure(
          DecodeException.Reason.UNSUPPORTED_TYPE,
          "schema id " + decoded.schemaId() + " has no Connect equivalent: " + e.getMessage(),
          e);
    }
  }

  private static DecodeException.Reason reasonFor(WireFormatException.Reason reason) {
    return switch (reason) {
      case TOO_SHORT, WRONG_MAGIC_BYTE -> DecodeException.Reason.MALFORMED_BYTES;
      case UNKNOWN_SCHEMA_ID -> DecodeException.Reason.UNKNOWN_SCHEMA_ID;
      case REGISTRY_UNAVAILABLE -> DecodeException.Reason.REGISTRY_UNAVAILABLE;
      case AVRO_DECODE_FAILURE, AVRO_ENCODE_FAILURE -> DecodeException.Reason.AVRO_DECODE_FAILURE;
    };
  }

  private Payload decodeJson(String topic, byte[] bytes) {
    // Connect's JsonConverter writes "schema" first: only then is the converter worth a try, so
    // that the common cases parse the bytes once.
    if (startsWithSchemaField(bytes)) {
      try {
        SchemaAndValue connect = jsonWithSchemas.toConnectData(topic, bytes);
        return new Payload(connect.schema(), connect.value());
      } catch (DataException e) {
        JsonNode root = parse(bytes);
        if (hasEmbeddedSchema(root)) {
          throw new DecodeFailure(
              DecodeException.Reason.JSON_DECODE_FAILURE,
              "JSON does not match its embedded schema: " + e.getMessage(),
              e);
        }
        // A schemaless object that merely has a field called "schema".
        return new Payload(null, plain(root));
      }
    }
    return new Payload(null, plain(parse(bytes)));
  }

  private static JsonNode parse(byte[] bytes) {
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw new DecodeFailure(
          DecodeException.Reason.JSON_DECODE_FAILURE, "not valid JSON: " + e.getMessage(), e);
    }
  }

  private static boolean startsWithSchemaField(byte[] bytes) {
    try (JsonParser parser = JSON.getFactory().createParser(bytes)) {
      return parser.nextToken() == JsonToken.START_OBJECT
          && parser.nextToken() == JsonToken.FIELD_NAME
          && "schema".equals(parser.currentName());
    } catch (IOException e) {
      return false;
    }
  }

  /** Exactly the two fields of Connect's JSON envelope: a schemaless row is unlikely to match. */
  private static boolean hasEmbeddedSchema(JsonNode root) {
    return root.isObject()
        && root.size() == 2
        && root.has("payload")
        && (root.path("schema").isObject() || root.path("schema").isNull());
  }

  private static Object plain(JsonNode node) {
    return switch (node.getNodeType()) {
      case NULL, MISSING -> null;
      case BOOLEAN -> node.booleanValue();
      case STRING -> node.textValue();
      case NUMBER -> {
        if (node.isIntegralNumber()) {
          yield node.canConvertToLong() ? (Object) node.longValue() : node.decimalValue();
        }
        yield node.doubleValue();
      }
      case ARRAY -> {
        List<Object> list = new ArrayList<>(node.size());
        node.forEach(element -> list.add(plain(element)));
        yield list;
      }
      case OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
          map.put(field.getKey(), plain(field.getValue()));
        }
        yield map;
      }
      case BINARY, POJO ->
          throw new DecodeFailure(
              DecodeException.Reason.UNSUPPORTED_TYPE,
              "unexpected JSON node " + node.getNodeType());
    };
  }

  private static int firstNonBlank(byte[] bytes) {
    for (byte b : bytes) {
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return b;
      }
    }
    return -1;
  }
}

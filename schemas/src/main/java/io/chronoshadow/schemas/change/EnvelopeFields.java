package io.chronoshadow.schemas.change;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Typed reads of normalized envelope fields; a field of the wrong type is an INVALID_FIELD. */
final class EnvelopeFields {
  private static final ObjectMapper JSON = new ObjectMapper();

  private EnvelopeFields() {}

  static String optString(Map<String, Object> map, String field) {
    Object value = map.get(field);
    return value == null ? null : value.toString();
  }

  static String requiredString(Map<String, Object> map, String field, String where) {
    String value = optString(map, field);
    if (value == null) {
      throw new DecodeFailure(
          DecodeException.Reason.NOT_A_CHANGE_ENVELOPE, where + " lacks '" + field + "'");
    }
    return value;
  }

  static Long optLong(Map<String, Object> map, String field) {
    Object value = map.get(field);
    if (value == null) {
      return null;
    }
    if (value instanceof Number number) {
      return number.longValue();
    }
    if (value instanceof String text) {
      try {
        return Long.parseLong(text.trim());
      } catch (NumberFormatException e) {
        throw invalid(field, value);
      }
    }
    throw invalid(field, value);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> optMap(Map<String, Object> map, String field) {
    Object value = map.get(field);
    if (value == null) {
      return null;
    }
    if (value instanceof Map<?, ?>) {
      return (Map<String, Object>) value;
    }
    throw invalid(field, value);
  }

  static List<?> optList(Map<String, Object> map, String field) {
    Object value = map.get(field);
    if (value == null) {
      return null;
    }
    if (value instanceof List<?> list) {
      return list;
    }
    throw invalid(field, value);
  }

  /** Debezium's µs field if present, else its ms field; null if neither. */
  static Instant optTime(Map<String, Object> map, String microsField, String millisField) {
    Long micros = optLong(map, microsField);
    if (micros != null) {
      return Instant.ofEpochSecond(
          Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
    Long millis = optLong(map, millisField);
    return millis == null ? null : Instant.ofEpochMilli(millis);
  }

  /**
   * Parses {@code source.sequence}: a JSON array, as text, of positions written as strings or
   * numbers (PostgreSQL: {@code ["<last commit LSN>","<LSN>"]}); elements may be null.
   */
  static List<Long> sequence(String text) {
    if (text == null) {
      return null;
    }
    JsonNode array;
    try {
      array = JSON.readTree(text);
    } catch (IOException e) {
      throw invalid("source.sequence", text);
    }
    if (array == null || !array.isArray()) {
      throw invalid("source.sequence", text);
    }
    List<Long> positions = new ArrayList<>(array.size());
    for (JsonNode element : array) {
      if (element.isNull()) {
        positions.add(null);
      } else if (element.isIntegralNumber() && element.canConvertToLong()) {
        positions.add(element.longValue());
      } else if (element.isTextual()) {
        try {
          positions.add(Long.parseLong(element.textValue()));
        } catch (NumberFormatException e) {
          throw invalid("source.sequence", text);
        }
      } else {
        throw invalid("source.sequence", text);
      }
    }
    return Collections.unmodifiableList(positions);
  }

  static DecodeFailure invalid(String field, Object value) {
    return new DecodeFailure(
        DecodeException.Reason.INVALID_FIELD,
        "field '"
            + field
            + "' has unexpected value "
            + value
            + " ("
            + value.getClass().getSimpleName()
            + ")");
  }
}

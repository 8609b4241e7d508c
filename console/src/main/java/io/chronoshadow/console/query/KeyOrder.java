package io.chronoshadow.console.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.chronoshadow.console.http.ApiError;
import io.chronoshadow.console.http.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.Record;

/**
 * Primary-key order and the page cursor over it: a page token is the last key of the previous page
 * (its values as text, base64url JSON), so the next page is "keys after it", stable under
 * concurrent commits because a shadow never changes.
 */
final class KeyOrder {

  static final String TOKEN_PARAM = "pageToken";

  private final List<String> keyColumns;

  KeyOrder(List<String> keyColumns) {
    this.keyColumns = List.copyOf(keyColumns);
  }

  List<String> columns() {
    return keyColumns;
  }

  List<Object> key(Record record) {
    List<Object> key = new ArrayList<>(keyColumns.size());
    for (String column : keyColumns) {
      key.add(record.getField(column));
    }
    return key;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compare(List<Object> a, List<Object> b) {
    for (int i = 0; i < a.size(); i++) {
      int c = ((Comparable) a.get(i)).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  static final Comparator<List<Object>> ORDER = KeyOrder::compare;

  String token(List<Object> key) {
    ArrayNode values = Json.array();
    key.forEach(v -> values.add(Json.text(v)));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.bytes(values));
  }

  List<Object> parseToken(String token, Schema schema) {
    JsonNode values;
    try {
      values = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(token));
    } catch (IllegalArgumentException | IOException e) {
      throw invalid();
    }
    if (values == null || !values.isArray() || values.size() != keyColumns.size()) {
      throw invalid();
    }
    List<Object> key = new ArrayList<>();
    for (int i = 0; i < keyColumns.size(); i++) {
      if (!values.get(i).isTextual()) {
        throw invalid();
      }
      key.add(
          ColumnValues.parse(
              schema.findField(keyColumns.get(i)), values.get(i).asText(), TOKEN_PARAM));
    }
    return key;
  }

  private static ApiError invalid() {
    return ApiError.badRequest(
        TOKEN_PARAM,
        "pageToken is not one this API issued; pass nextPageToken from the previous page"
            + " unchanged, or omit it for the first page");
  }
}

package io.chronoshadow.shadow.stage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chronoshadow.schemas.connect.ConnectAvroData;
import io.chronoshadow.schemas.registry.SchemaRegistry;
import io.chronoshadow.schemas.wire.WireFormat;
import io.chronoshadow.shadow.table.ColumnType;
import io.chronoshadow.shadow.table.SourceColumn;
import io.chronoshadow.shadow.table.SourceTableSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.json.JsonConverter;

/**
 * The source table schema a change event was written with, read from the envelope's writer schema
 * (Avro through the registry, or the schema embedded in JSON): the columns of its {@code after}
 * struct with their Connect types, and the primary key columns (the event key's fields). The
 * decoded event carries values only, hence this second look at the bytes; Avro schemas are cached
 * by id, so it costs a map lookup per distinct schema.
 */
public final class TableSchemaReader {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SchemaRegistry registry;
  private final ConnectAvroData avroData = new ConnectAvroData();
  private final JsonConverter jsonConverter = new JsonConverter();
  private final Map<Integer, Schema> envelopeBySchemaId = new ConcurrentHashMap<>();

  /** {@code registry} may be null when only JSON records with embedded schemas are expected. */
  public TableSchemaReader(SchemaRegistry registry) {
    this.registry = registry;
    jsonConverter.configure(Map.of("schemas.enable", "true", "converter.type", "value"));
  }

  /**
   * @param value the change event's value bytes
   * @param keyColumns the event key's field names, in key order
   * @throws IllegalArgumentException when the schema is absent (schemaless JSON), not an envelope,
   *     or holds a type shadows cannot store
   */
  public SourceTableSchema read(byte[] value, List<String> keyColumns) {
    Schema envelope = envelopeSchema(value);
    if (envelope.type() != Schema.Type.STRUCT) {
      throw new IllegalArgumentException("change event value is not a struct");
    }
    Field after = envelope.field("after");
    if (after == null) {
      after = envelope.field("before");
    }
    if (after == null || after.schema().type() != Schema.Type.STRUCT) {
      throw new IllegalArgumentException("change event schema has no 'after'/'before' struct");
    }
    List<SourceColumn> columns = new ArrayList<>();
    for (Field f : after.schema().fields()) {
      Schema s = f.schema();
      ColumnType type;
      try {
        type = ColumnType.fromConnect(s.type().getName(), s.name(), s.parameters());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("column " + f.name() + ": " + e.getMessage(), e);
      }
      boolean key = keyColumns.contains(f.name());
      columns.add(new SourceColumn(f.name(), type, s.isOptional() && !key));
    }
    return new SourceTableSchema(columns, keyColumns);
  }

  private Schema envelopeSchema(byte[] value) {
    if (WireFormat.looksFramed(value)) {
      if (registry == null) {
        throw new IllegalArgumentException("Avro change event but no schema registry configured");
      }
      int id = WireFormat.unframe(value).schemaId();
      return envelopeBySchemaId.computeIfAbsent(
          id, i -> avroData.toConnectSchema(registry.schemaById(i)));
    }
    JsonNode tree;
    try {
      tree = JSON.readTree(value);
    } catch (IOException e) {
      throw new IllegalArgumentException("change event value is neither Avro nor JSON", e);
    }
    JsonNode schema = tree == null ? null : tree.get("schema");
    if (schema == null || schema.isNull()) {
      throw new IllegalArgumentException(
          "schemaless JSON change event: column types are unknown (enable schemas in the"
              + " JsonConverter, or use Avro)");
    }
    return jsonConverter.asConnectSchema(schema);
  }
}

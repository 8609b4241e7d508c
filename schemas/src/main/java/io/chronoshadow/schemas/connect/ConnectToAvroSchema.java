package io.chronoshadow.schemas.connect;

import static io.chronoshadow.schemas.connect.ConnectAvroProperties.DECIMAL_PRECISION;
import static io.chronoshadow.schemas.connect.ConnectAvroProperties.DEFAULT_DECIMAL_PRECISION;
import static io.chronoshadow.schemas.connect.ConnectAvroProperties.DOC;
import static io.chronoshadow.schemas.connect.ConnectAvroProperties.FIELD_NAME;
import static io.chronoshadow.schemas.connect.ConnectAvroProperties.GENERATED_NAMESPACE;
import static io.chronoshadow.schemas.connect.ConnectAvroProperties.MAP_ENTRY;
import static io.chronoshadow.schemas.connect.ConnectAvroProperties.MAP_ENTRY_VALUE;
import static io.chronoshadow.schemas.connect.ConnectAvroProperties.NAME;
import static io.chronoshadow.schemas.connect.ConnectAvroProperties.PARAMETERS;
import static io.chronoshadow.schemas.connect.ConnectAvroProperties.TYPE;
import static io.chronoshadow.schemas.connect.ConnectAvroProperties.TYPE_INT16;
import static io.chronoshadow.schemas.connect.ConnectAvroProperties.TYPE_INT8;
import static io.chronoshadow.schemas.connect.ConnectAvroProperties.UNNAMED_STRUCT;
import static io.chronoshadow.schemas.connect.ConnectAvroProperties.VERSION;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Translates one Connect schema into an Avro schema. One instance per translation: it remembers the
 * records defined so far, because Avro allows a name to be defined only once per schema (a Debezium
 * envelope's {@code before} and {@code after} share one record type).
 */
final class ConnectToAvroSchema {
  private record StructIdentity(
      String name,
      Integer version,
      String doc,
      Map<String, String> parameters,
      List<Field> fields) {
    static StructIdentity of(org.apache.kafka.connect.data.Schema s) {
      return new StructIdentity(s.name(), s.version(), s.doc(), s.parameters(), s.fields());
    }
  }

  private final Map<StructIdentity, Schema> records = new HashMap<>();
  private final Set<String> usedRecordNames = new HashSet<>();

  static Schema translate(org.apache.kafka.connect.data.Schema connect) {
    return new ConnectToAvroSchema().withOptionality(connect);
  }

  private Schema withOptionality(org.apache.kafka.connect.data.Schema connect) {
    Schema avro = nonNull(connect);
    return connect.isOptional() ? optional(avro, connect.defaultValue() != null) : avro;
  }

  /** A nullable union; null goes second when a non-null default must match the first branch. */
  private static Schema optional(Schema avro, boolean nonNullDefault) {
    Schema nullSchema = Schema.create(Schema.Type.NULL);
    return nonNullDefault
        ? Schema.createUnion(avro, nullSchema)
        : Schema.createUnion(nullSchema, avro);
  }

  private Schema nonNull(org.apache.kafka.connect.data.Schema connect) {
    String logical = connect.name();
    Schema avro =
        switch (connect.type()) {
          case INT8 -> withType(Schema.create(Schema.Type.INT), TYPE_INT8);
          case INT16 -> withType(Schema.create(Schema.Type.INT), TYPE_INT16);
          case INT32 -> {
            if (Date.LOGICAL_NAME.equals(logical)) {
              yield LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
            }
            if (Time.LOGICAL_NAME.equals(logical)) {
              yield LogicalTypes.timeMillis().addToSchema(Schema.create(Schema.Type.INT));
            }
            yield Schema.create(Schema.Type.INT);
          }
          case INT64 ->
              Timestamp.LOGICAL_NAME.equals(logical)
                  ? LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG))
                  : Schema.create(Schema.Type.LONG);
          case FLOAT32 -> Schema.create(Schema.Type.FLOAT);
          case FLOAT64 -> Schema.create(Schema.Type.DOUBLE);
          case BOOLEAN -> Schema.create(Schema.Type.BOOLEAN);
          case STRING -> Schema.create(Schema.Type.STRING);
          case BYTES ->
              Decimal.LOGICAL_NAME.equals(logical)
                  ? decimal(connect)
                  : Schema.create(Schema.Type.BYTES);
          case ARRAY -> Schema.createArray(withOptionality(connect.valueSchema()));
          case MAP -> map(connect);
          case STRUCT -> record(connect);
        };
    if (connect.type() != org.apache.kafka.connect.data.Schema.Type.STRUCT) {
      addConnectProperties(avro, connect);
    }
    return avro;
  }

  private static Schema withType(Schema avro, String connectType) {
    avro.addProp(TYPE, connectType);
    return avro;
  }

  private static Schema decimal(org.apache.kafka.connect.data.Schema connect) {
    int scale = Integer.parseInt(connect.parameters().get(Decimal.SCALE_FIELD));
    String declared =
        connect.parameters() == null ? null : connect.parameters().get(DECIMAL_PRECISION);
    int precision =
        declared != null ? Integer.parseInt(declared) : Math.max(DEFAULT_DECIMAL_PRECISION, scale);
    return LogicalTypes.decimal(precision, scale).addToSchema(Schema.create(Schema.Type.BYTES));
  }

  private Schema map(org.apache.kafka.connect.data.Schema connect) {
    org.apache.kafka.connect.data.Schema keySchema = connect.keySchema();
    if (keySchema.type() == org.apache.kafka.connect.data.Schema.Type.STRING
        && !keySchema.isOptional()
        && keySchema.name() == null) {
      return Schema.createMap(withOptionality(connect.valueSchema()));
    }
    // Avro map keys are plain strings: other keys are written as an array of key/value records.
    String name = uniqueRecordName(GENERATED_NAMESPACE + ".MapEntry");
    List<Schema.Field> fields =
        List.of(
            new Schema.Field("key", withOptionality(keySchema)),
            new Schema.Field("value", withOptionality(connect.valueSchema())));
    Schema entry =
        Schema.createRecord(
            AvroNames.simpleNameOf(name), null, AvroNames.namespaceOf(name), false, fields);
    entry.addProp(MAP_ENTRY, MAP_ENTRY_VALUE);
    return Schema.createArray(entry);
  }

  private Schema record(org.apache.kafka.connect.data.Schema connect) {
    StructIdentity identity = StructIdentity.of(connect);
    Schema defined = records.get(identity);
    if (defined != null) {
      return defined;
    }
    String wanted =
        connect.name() != null
            ? AvroNames.fullName(connect.name())
            : GENERATED_NAMESPACE + "." + UNNAMED_STRUCT;
    String name = uniqueRecordName(wanted);
    Schema record =
        Schema.createRecord(
            AvroNames.simpleNameOf(name), connect.doc(), AvroNames.namespaceOf(name), false);
    addConnectProperties(record, connect);
    // Registered before its fields are translated, so a later identical struct refers to it.
    records.put(identity, record);
    record.setFields(fields(connect));
    return record;
  }

  private List<Schema.Field> fields(org.apache.kafka.connect.data.Schema struct) {
    List<Schema.Field> fields = new ArrayList<>();
    Set<String> taken = new HashSet<>();
    for (Field field : struct.fields()) {
      String avroName = AvroNames.name(field.name());
      for (int n = 2; !taken.add(avroName); n++) {
        avroName = AvroNames.name(field.name()) + "_" + n;
      }
      org.apache.kafka.connect.data.Schema fieldSchema = field.schema();
      Schema avro = withOptionality(fieldSchema);
      Object defaultValue = defaultOf(fieldSchema, avro);
      Schema.Field avroField =
          defaultValue == null
              ? new Schema.Field(avroName, avro, null)
              : new Schema.Field(avroName, avro, null, defaultValue);
      if (!avroName.equals(field.name())) {
        avroField.addProp(FIELD_NAME, field.name());
      }
      fields.add(avroField);
    }
    return fields;
  }

  /**
   * The Avro default for a field: null for optional fields without a default; the Connect default
   * when it is a scalar; none otherwise (complex defaults are rare and Avro encodes them oddly).
   */
  private static Object defaultOf(org.apache.kafka.connect.data.Schema connect, Schema avro) {
    Object connectDefault = connect.defaultValue();
    if (connectDefault == null) {
      return connect.isOptional() ? JsonProperties.NULL_VALUE : null;
    }
    Schema branch = avro.getType() == Schema.Type.UNION ? avro.getTypes().get(0) : avro;
    Object datum;
    try {
      datum = ConnectToAvroValue.convert(connect, branch, connectDefault);
    } catch (DataException e) {
      return null;
    }
    if (datum instanceof ByteBuffer bytes) {
      // Avro writes bytes defaults as a string of ISO-8859-1 code points.
      ByteBuffer copy = bytes.duplicate();
      byte[] raw = new byte[copy.remaining()];
      copy.get(raw);
      return new String(raw, StandardCharsets.ISO_8859_1);
    }
    if (datum instanceof Number || datum instanceof Boolean || datum instanceof CharSequence) {
      return datum instanceof CharSequence ? datum.toString() : datum;
    }
    return null;
  }

  private String uniqueRecordName(String wanted) {
    String name = wanted;
    for (int n = 2; !usedRecordNames.add(name); n++) {
      name = wanted + n;
    }
    return name;
  }

  private static void addConnectProperties(
      Schema avro, org.apache.kafka.connect.data.Schema connect) {
    if (connect.name() != null) {
      avro.addProp(NAME, connect.name());
    }
    if (connect.version() != null) {
      avro.addProp(VERSION, connect.version());
    }
    if (connect.doc() != null && avro.getType() != Schema.Type.RECORD) {
      avro.addProp(DOC, connect.doc());
    }
    if (connect.parameters() != null && !connect.parameters().isEmpty()) {
      avro.addProp(PARAMETERS, new java.util.LinkedHashMap<>(connect.parameters()));
    }
  }
}

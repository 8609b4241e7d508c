package io.chronoshadow.schemas.connect;

import static io.chronoshadow.schemas.connect.ConnectAvroProperties.DECIMAL_PRECISION;
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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Translates an Avro schema into a Connect schema, restoring what {@link ConnectToAvroSchema}
 * stored in {@code connect.*} properties. Also reads schemas written by Confluent's AvroConverter,
 * which uses the same properties, and plain Avro schemas (names then come from the Avro names).
 */
final class AvroToConnectSchema {
  private AvroToConnectSchema() {}

  static org.apache.kafka.connect.data.Schema translate(Schema avro) {
    return builder(avro, null).build();
  }

  /** {@code fieldDefault} is the Avro field default (in Avro's Java form), or null. */
  private static SchemaBuilder builder(Schema avro, Object fieldDefault) {
    if (avro.getType() == Schema.Type.UNION) {
      Schema branch = optionalBranch(avro);
      SchemaBuilder builder = builder(branch, null).optional();
      if (fieldDefault != null && fieldDefault != JsonProperties.NULL_VALUE) {
        setDefault(builder, branch, fieldDefault);
      }
      return builder;
    }
    SchemaBuilder builder = nonNull(avro);
    restoreConnectProperties(builder, avro);
    if (fieldDefault != null && fieldDefault != JsonProperties.NULL_VALUE) {
      setDefault(builder, avro, fieldDefault);
    }
    return builder;
  }

  private static SchemaBuilder nonNull(Schema avro) {
    LogicalType logical = avro.getLogicalType();
    return switch (avro.getType()) {
      case INT -> {
        if (logical instanceof LogicalTypes.Date) {
          yield Date.builder();
        }
        if (logical instanceof LogicalTypes.TimeMillis) {
          yield Time.builder();
        }
        String connectType = avro.getProp(TYPE);
        if (TYPE_INT8.equals(connectType)) {
          yield SchemaBuilder.int8();
        }
        yield TYPE_INT16.equals(connectType) ? SchemaBuilder.int16() : SchemaBuilder.int32();
      }
      case LONG ->
          logical instanceof LogicalTypes.TimestampMillis
              ? Timestamp.builder()
              : SchemaBuilder.int64();
      case FLOAT -> SchemaBuilder.float32();
      case DOUBLE -> SchemaBuilder.float64();
      case BOOLEAN -> SchemaBuilder.bool();
      case STRING, ENUM -> SchemaBuilder.string();
      case BYTES, FIXED -> {
        if (logical instanceof LogicalTypes.Decimal decimal) {
          SchemaBuilder builder = Decimal.builder(decimal.getScale());
          // Only when no original parameters were kept: else a round trip would add one.
          if (avro.getObjectProp(PARAMETERS) == null) {
            builder.parameter(DECIMAL_PRECISION, Integer.toString(decimal.getPrecision()));
          }
          yield builder;
        }
        yield SchemaBuilder.bytes();
      }
      case ARRAY -> {
        Schema element = avro.getElementType();
        if (element.getType() == Schema.Type.RECORD
            && MAP_ENTRY_VALUE.equals(element.getProp(MAP_ENTRY))) {
          yield SchemaBuilder.map(
              translateField(element.getField("key")), translateField(element.getField("value")));
        }
        yield SchemaBuilder.array(builder(element, null).build());
      }
      case MAP ->
          SchemaBuilder.map(
              SchemaBuilder.string().build(), builder(avro.getValueType(), null).build());
      case RECORD -> record(avro);
      case NULL, UNION ->
          throw new DataException("Avro type " + avro.getType() + " has no Connect equivalent");
    };
  }

  private static SchemaBuilder record(Schema avro) {
    String connectName = avro.getProp(NAME);
    SchemaBuilder struct = SchemaBuilder.struct();
    if (connectName != null) {
      struct.name(connectName);
    } else if (!avro.getFullName().startsWith(GENERATED_NAMESPACE + "." + UNNAMED_STRUCT)) {
      struct.name(avro.getFullName());
    }
    if (avro.getDoc() != null) {
      struct.doc(avro.getDoc());
    }
    for (Schema.Field field : avro.getFields()) {
      String fieldName = field.getProp(FIELD_NAME);
      struct.field(fieldName != null ? fieldName : field.name(), translateField(field));
    }
    return struct;
  }

  private static org.apache.kafka.connect.data.Schema translateField(Schema.Field field) {
    return builder(field.schema(), field.hasDefaultValue() ? field.defaultVal() : null).build();
  }

  private static Schema optionalBranch(Schema union) {
    List<Schema> branches = union.getTypes();
    if (branches.size() == 2) {
      if (branches.get(0).getType() == Schema.Type.NULL) {
        return branches.get(1);
      }
      if (branches.get(1).getType() == Schema.Type.NULL) {
        return branches.get(0);
      }
    }
    throw new DataException(
        "Only unions of null and one type map to Connect; got " + union.toString());
  }

  private static void restoreConnectProperties(SchemaBuilder builder, Schema avro) {
    String name = avro.getProp(NAME);
    // Records and Connect's logical types are named already, and a builder refuses a rename.
    if (name != null && builder.name() == null) {
      builder.name(name);
    }
    Object version = avro.getObjectProp(VERSION);
    if (version instanceof Number number) {
      builder.version(number.intValue());
    }
    String doc = avro.getProp(DOC);
    if (doc != null) {
      builder.doc(doc);
    }
    Object parameters = avro.getObjectProp(PARAMETERS);
    if (parameters instanceof Map<?, ?> map) {
      Map<String, String> params = new LinkedHashMap<>();
      map.forEach((k, v) -> params.put(k.toString(), v == null ? null : v.toString()));
      // Decimal's builder already set scale (and we set precision); re-putting the same is
      // harmless.
      builder.parameters(params);
    }
  }

  private static void setDefault(SchemaBuilder builder, Schema avro, Object avroDefault) {
    try {
      builder.defaultValue(AvroToConnectValue.convertDefault(builder, avro, avroDefault));
    } catch (RuntimeException e) {
      // An Avro default Connect cannot hold is dropped rather than failing the whole schema.
    }
  }
}

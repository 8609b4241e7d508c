package io.chronoshadow.schemas.connect;

/**
 * Avro schema properties that carry what Avro has no place for, so that Connect schemas survive a
 * trip through Avro. The {@code connect.*} names are the ones Confluent's AvroConverter uses, so
 * its readers understand our schemas and we understand theirs.
 */
public final class ConnectAvroProperties {
  private ConnectAvroProperties() {}

  public static final String NAME = "connect.name";
  public static final String VERSION = "connect.version";
  public static final String DOC = "connect.doc";
  public static final String PARAMETERS = "connect.parameters";

  /** Distinguishes Connect INT8/INT16 from INT32: all three are Avro ints. */
  public static final String TYPE = "connect.type";

  public static final String TYPE_INT8 = "int8";
  public static final String TYPE_INT16 = "int16";

  /** The Connect field name, on Avro fields whose name had to be sanitized. */
  public static final String FIELD_NAME = "connect.field.name";

  /** Marks the key/value record of a map with non-string keys (written as an array of entries). */
  public static final String MAP_ENTRY = "connect.internal.type";

  public static final String MAP_ENTRY_VALUE = "MapEntry";

  /** Precision parameter that Connect and Debezium put on Decimal schemas. */
  public static final String DECIMAL_PRECISION = "connect.decimal.precision";

  /** Used when a Decimal schema states no precision; Avro requires one. */
  public static final int DEFAULT_DECIMAL_PRECISION = 64;

  /** Namespace of the records we must name ourselves (unnamed structs, map entries). */
  public static final String GENERATED_NAMESPACE = "io.chronoshadow.connect";

  /** Simple name (plus a number when repeated) of records made for structs without a name. */
  public static final String UNNAMED_STRUCT = "ConnectDefault";
}

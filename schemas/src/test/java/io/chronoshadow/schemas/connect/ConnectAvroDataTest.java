package io.chronoshadow.schemas.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

class ConnectAvroDataTest {
  private final ConnectAvroData data = new ConnectAvroData();

  @Test
  void debeziumEnvelopeSurvivesAvroBinaryRoundTrip() throws IOException {
    Struct update = DebeziumLikeSchemas.update(101);

    Schema avro = data.toAvroSchema(DebeziumLikeSchemas.ENVELOPE);
    // What the registry stores is text: the schema must survive being printed and parsed.
    Schema reparsed = new Schema.Parser().parse(avro.toString());
    Object datum = data.toAvroValue(DebeziumLikeSchemas.ENVELOPE, update);
    Object read = binaryRoundTrip(avro, reparsed, datum);
    SchemaAndValue back = data.toConnectData(reparsed, read);

    assertThat(back.schema()).isEqualTo(DebeziumLikeSchemas.ENVELOPE);
    assertThat(back.value()).isEqualTo(update);
  }

  @Test
  void avroSchemaUsesAvroTypesAndKeepsConnectMetadata() {
    Schema avro = data.toAvroSchema(DebeziumLikeSchemas.ENVELOPE);
    Schema row = avro.getField("before").schema().getTypes().get(1);

    assertThat(avro.getFullName()).isEqualTo("demo.shop.products.Envelope");
    assertThat(avro.getObjectProp("connect.version")).isEqualTo(2);
    assertThat(row.getFullName()).isEqualTo("demo.shop.products.Value");
    // before and after share one record definition.
    assertThat(avro.getField("after").schema().getTypes().get(1)).isSameAs(row);
    assertThat(row.getField("tiny").schema().getProp("connect.type")).isEqualTo("int8");
    Schema price = row.getField("price").schema();
    assertThat(price.getType()).isEqualTo(Schema.Type.BYTES);
    assertThat(price.getLogicalType()).isEqualTo(LogicalTypes.decimal(10, 2));
    assertThat(row.getField("born").schema().getLogicalType()).isEqualTo(LogicalTypes.date());
    assertThat(row.getField("opens").schema().getLogicalType())
        .isEqualTo(LogicalTypes.timeMillis());
    assertThat(row.getField("seen").schema().getTypes().get(1).getLogicalType())
        .isEqualTo(LogicalTypes.timestampMillis());
    Schema createdAt = row.getField("created_at").schema();
    assertThat(createdAt.getType()).isEqualTo(Schema.Type.LONG);
    assertThat(createdAt.getLogicalType()).isNull();
    assertThat(createdAt.getProp("connect.name")).isEqualTo("io.debezium.time.MicroTimestamp");
    assertThat(row.getField("status").schema().getObjectProp("connect.parameters"))
        .isEqualTo(Map.of("allowed", "new,old"));
    assertThat(row.getField("status").defaultVal()).isEqualTo("new");
    assertThat(row.getField("order_no").getProp("connect.field.name")).isEqualTo("order-no");
    assertThat(row.getField("by_id").schema().getType()).isEqualTo(Schema.Type.ARRAY);
    Schema snapshot = avro.getField("source").schema().getField("snapshot").schema();
    // A non-null default must match the union's first branch.
    assertThat(snapshot.getTypes().get(0).getType()).isEqualTo(Schema.Type.STRING);
  }

  @Test
  void invalidRecordNamesAreSanitizedButRestored() {
    org.apache.kafka.connect.data.Schema odd =
        SchemaBuilder.struct()
            .name("my-server.public.order-items.Value")
            .field("x", org.apache.kafka.connect.data.Schema.INT32_SCHEMA)
            .build();

    Schema avro = data.toAvroSchema(odd);

    assertThat(avro.getFullName()).isEqualTo("my_server.public.order_items.Value");
    assertThat(data.toConnectSchema(new Schema.Parser().parse(avro.toString()))).isEqualTo(odd);
  }

  @Test
  void twoDifferentStructsWithOneNameGetDistinctAvroNames() {
    org.apache.kafka.connect.data.Schema a =
        SchemaBuilder.struct()
            .name("x.Same")
            .field("a", org.apache.kafka.connect.data.Schema.INT32_SCHEMA)
            .build();
    org.apache.kafka.connect.data.Schema b =
        SchemaBuilder.struct()
            .name("x.Same")
            .field("b", org.apache.kafka.connect.data.Schema.STRING_SCHEMA)
            .build();
    org.apache.kafka.connect.data.Schema outer =
        SchemaBuilder.struct().name("x.Outer").field("a", a).field("b", b).build();

    Schema avro = new Schema.Parser().parse(data.toAvroSchema(outer).toString());

    assertThat(avro.getField("a").schema().getFullName()).isEqualTo("x.Same");
    assertThat(avro.getField("b").schema().getFullName()).isEqualTo("x.Same2");
    assertThat(data.toConnectSchema(avro)).isEqualTo(outer);
  }

  @Test
  void plainAvroSchemasMapToConnect() {
    Schema avro =
        org.apache.avro.SchemaBuilder.record("Thing")
            .namespace("ext")
            .fields()
            .requiredInt("n")
            .name("kind")
            .type()
            .enumeration("Kind")
            .symbols("A", "B")
            .noDefault()
            .name("ts")
            .type(LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG)))
            .noDefault()
            .endRecord();

    org.apache.kafka.connect.data.Schema connect = data.toConnectSchema(avro);

    assertThat(connect.name()).isEqualTo("ext.Thing");
    assertThat(connect.field("kind").schema().type())
        .isEqualTo(org.apache.kafka.connect.data.Schema.Type.STRING);
    assertThat(connect.field("ts").schema().name())
        .isEqualTo(org.apache.kafka.connect.data.Timestamp.LOGICAL_NAME);
  }

  @Test
  void generalUnionsAreRejected() {
    Schema avro =
        org.apache.avro.SchemaBuilder.record("U")
            .fields()
            .name("v")
            .type()
            .unionOf()
            .intType()
            .and()
            .stringType()
            .endUnion()
            .noDefault()
            .endRecord();

    assertThatThrownBy(() -> data.toConnectSchema(avro)).isInstanceOf(DataException.class);
  }

  @Test
  void missingRequiredValueIsADataException() {
    Struct incomplete = new Struct(DebeziumLikeSchemas.KEY);

    assertThatThrownBy(() -> data.toAvroValue(DebeziumLikeSchemas.KEY, incomplete))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("INT32");
  }

  private static Object binaryRoundTrip(Schema writer, Schema reader, Object datum)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<>(writer, GenericData.get()).write(datum, encoder);
    encoder.flush();
    return new GenericDatumReader<>(reader, reader, GenericData.get())
        .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
  }
}

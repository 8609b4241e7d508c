package io.chronoshadow.shadow.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chronoshadow.shadow.table.ColumnType.Kind;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

class ColumnTypeTest {

  @Test
  void connectAndDebeziumTypesMap() {
    assertThat(ColumnType.fromConnect("int16", null, null)).isEqualTo(ColumnType.of(Kind.INT));
    assertThat(ColumnType.fromConnect("int64", null, null)).isEqualTo(ColumnType.of(Kind.LONG));
    assertThat(ColumnType.fromConnect("float64", null, null)).isEqualTo(ColumnType.of(Kind.DOUBLE));
    assertThat(ColumnType.fromConnect("bytes", null, null)).isEqualTo(ColumnType.of(Kind.BYTES));
    assertThat(
            ColumnType.fromConnect(
                "bytes",
                "org.apache.kafka.connect.data.Decimal",
                Map.of("scale", "2", "connect.decimal.precision", "10")))
        .isEqualTo(ColumnType.decimal(10, 2));
    assertThat(ColumnType.fromConnect("int32", "io.debezium.time.Date", null))
        .isEqualTo(ColumnType.of(Kind.DATE));
    assertThat(ColumnType.fromConnect("string", "io.debezium.time.ZonedTimestamp", null))
        .isEqualTo(ColumnType.of(Kind.TIMESTAMPTZ));
    assertThat(ColumnType.fromConnect("int64", "io.debezium.time.MicroTimestamp", null))
        .isEqualTo(ColumnType.of(Kind.TIMESTAMP));
    assertThat(ColumnType.fromConnect("string", "io.debezium.data.Uuid", null))
        .isEqualTo(ColumnType.of(Kind.STRING));
    assertThat(ColumnType.of(Kind.TIMESTAMPTZ).toIceberg())
        .isEqualTo(Types.TimestampType.withZone());
    assertThatThrownBy(
            () -> ColumnType.fromConnect("struct", "io.debezium.data.VariableScaleDecimal", null))
        .hasMessageContaining("VariableScaleDecimal");
    assertThatThrownBy(() -> ColumnType.decimal(39, 2)).hasMessageContaining("precision");
  }

  @Test
  void keysAreRequiredNonFloatingColumnsAndBecomeIdentifierFields() {
    assertThatThrownBy(
            () ->
                new SourceTableSchema(
                    List.of(
                        SourceColumn.optional("a", ColumnType.of(Kind.INT)),
                        SourceColumn.required("b", ColumnType.of(Kind.DOUBLE))),
                    List.of("a", "b", "c")))
        .hasMessageContaining("primary key column a must not be nullable")
        .hasMessageContaining("Iceberg identifier fields cannot be floating point")
        .hasMessageContaining("primary key column c is not a column");
    Schema schema =
        IcebergSchemas.fromSource(
            new SourceTableSchema(
                List.of(
                    SourceColumn.required("a", ColumnType.of(Kind.LONG)),
                    SourceColumn.required("b", ColumnType.of(Kind.STRING)),
                    SourceColumn.optional("c", ColumnType.decimal(5, 1))),
                List.of("a", "b")));
    assertThat(schema.identifierFieldNames()).containsExactlyInAnyOrder("a", "b");
    assertThat(IcebergSchemas.keyColumns(schema)).containsExactly("a", "b");
  }

  @Test
  void sourceTableNamesMapIntoTheGroupNamespace() {
    assertThat(ShadowTableName.fromSourceTable("shop", "public.orders").identifier().toString())
        .isEqualTo("shop.orders");
    assertThat(ShadowTableName.fromSourceTable("shop", "billing.Invoices").table())
        .isEqualTo("billing__invoices");
    // A group's default schema keeps bare names; every other schema, public included, a prefix.
    assertThat(ShadowTableName.fromSourceTable("shop", "shop.orders", "shop").table())
        .isEqualTo("orders");
    assertThat(ShadowTableName.fromSourceTable("shop", "public.orders", "shop").table())
        .isEqualTo("public__orders");
    assertThatThrownBy(() -> new ShadowTableName("Shop", "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

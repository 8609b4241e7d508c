package io.chronoshadow.shadow.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.chronoshadow.shadow.table.ColumnType.Kind;
import java.util.List;
import org.apache.iceberg.Schema;
import org.junit.jupiter.api.Test;

class SchemaEvolutionTest {

  private static final Schema CURRENT =
      IcebergSchemas.fromSource(
          new SourceTableSchema(
              List.of(
                  SourceColumn.required("id", ColumnType.of(Kind.INT)),
                  SourceColumn.required("name", ColumnType.of(Kind.STRING)),
                  SourceColumn.optional("n", ColumnType.of(Kind.LONG)),
                  SourceColumn.optional("f", ColumnType.of(Kind.FLOAT)),
                  SourceColumn.optional("d", ColumnType.decimal(10, 2))),
              List.of("id")));

  @Test
  void additiveChangesArePlanned() {
    SchemaEvolution plan =
        SchemaEvolution.plan(
            CURRENT,
            new SourceTableSchema(
                List.of(
                    SourceColumn.required("id", ColumnType.of(Kind.INT)),
                    SourceColumn.optional("name", ColumnType.of(Kind.STRING)),
                    SourceColumn.optional("f", ColumnType.of(Kind.DOUBLE)),
                    SourceColumn.optional("d", ColumnType.decimal(14, 2)),
                    SourceColumn.required("extra", ColumnType.of(Kind.BOOLEAN))),
                List.of("id")));
    assertThat(plan.problems()).isEmpty();
    assertThat(plan.changes())
        .containsExactly(
            "make name optional",
            "widen f from float to double",
            "widen d from decimal(10, 2) to decimal(14, 2)",
            "add column extra boolean");
  }

  @Test
  void incompatibleChangesAreAllReported() {
    SchemaEvolution plan =
        SchemaEvolution.plan(
            CURRENT,
            new SourceTableSchema(
                List.of(
                    SourceColumn.required("id", ColumnType.of(Kind.LONG)),
                    SourceColumn.optional("n", ColumnType.of(Kind.INT)),
                    SourceColumn.optional("d", ColumnType.decimal(8, 2))),
                List.of("id")));
    assertThat(plan.changes()).containsExactly("widen id from int to long");
    assertThat(plan.problems())
        .containsExactly(
            "required column name was dropped",
            "column n changed type from long to int (narrowing)",
            "column d changed type from decimal(10, 2) to decimal(8, 2) (narrowing)");
  }
}

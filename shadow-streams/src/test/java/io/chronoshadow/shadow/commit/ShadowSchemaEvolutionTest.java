package io.chronoshadow.shadow.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chronoshadow.shadow.catalog.ShadowCatalog;
import io.chronoshadow.shadow.catalog.StorageFixture;
import io.chronoshadow.shadow.cut.ShadowIds;
import io.chronoshadow.shadow.read.ReadOptions;
import io.chronoshadow.shadow.read.ShadowReader;
import io.chronoshadow.shadow.table.ColumnType;
import io.chronoshadow.shadow.table.ColumnType.Kind;
import io.chronoshadow.shadow.table.IncompatibleSchemaChange;
import io.chronoshadow.shadow.table.SchemaOutcome;
import io.chronoshadow.shadow.table.ShadowTableName;
import io.chronoshadow.shadow.table.ShadowTables;
import io.chronoshadow.shadow.table.SourceColumn;
import io.chronoshadow.shadow.table.SourceTableSchema;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShadowSchemaEvolutionTest {

  @TempDir static Path dir;
  private static StorageFixture storage;
  private static ShadowCatalog catalog;

  @BeforeAll
  static void start() {
    storage = StorageFixture.start(dir);
    catalog = storage.open("evolution");
  }

  @AfterAll
  static void stop() {
    if (catalog != null) {
      catalog.close();
    }
    if (storage != null) {
      storage.close();
    }
  }

  private static final SourceTableSchema V1 =
      new SourceTableSchema(
          List.of(
              SourceColumn.required("id", ColumnType.of(Kind.INT)),
              SourceColumn.optional("qty", ColumnType.of(Kind.INT)),
              SourceColumn.optional("price", ColumnType.decimal(8, 2)),
              SourceColumn.optional("ratio", ColumnType.of(Kind.FLOAT))),
          List.of("id"));

  private static final SourceTableSchema V2 =
      new SourceTableSchema(
          List.of(
              SourceColumn.required("id", ColumnType.of(Kind.INT)),
              SourceColumn.optional("qty", ColumnType.of(Kind.LONG)),
              SourceColumn.optional("price", ColumnType.decimal(12, 2)),
              SourceColumn.optional("ratio", ColumnType.of(Kind.DOUBLE)),
              SourceColumn.optional("note", ColumnType.of(Kind.STRING))),
          List.of("id"));

  @Test
  void additiveChangesEvolveAndOldShadowsStillRead() {
    ShadowCommitter committer = new ShadowCommitter(catalog.catalog());
    ShadowReader reader = new ShadowReader(catalog.catalog());
    ShadowTableName items = new ShadowTableName("inv", "items");

    committer.commit(write(1, V1, RowChange.upsert(row(1, 5, "1.50", 0.5f, null))));
    Table table = catalog.catalog().loadTable(items.identifier());
    assertThat(((HasTableOperations) table).operations().current().formatVersion()).isEqualTo(2);
    assertThat(table.properties())
        .containsEntry(TableProperties.DELETE_MODE, "merge-on-read")
        .containsEntry(TableProperties.UPDATE_MODE, "merge-on-read");
    assertThat(table.schema().identifierFieldNames()).containsExactly("id");

    Map<String, Object> v2Row = row(2, 7L, "123456.78", 0.25d, "hello");
    committer.commit(write(2, V2, RowChange.upsert(v2Row)));
    table.refresh();
    assertThat(table.schema().findField("qty").type()).isEqualTo(Types.LongType.get());
    assertThat(table.schema().findField("price").type()).isEqualTo(Types.DecimalType.of(12, 2));
    assertThat(table.schema().findField("ratio").type()).isEqualTo(Types.DoubleType.get());
    assertThat(table.schema().findField("note").isOptional()).isTrue();

    // Shadow 1 reads with its old values, widened, and null for the new column.
    Map<String, Object> old = new LinkedHashMap<>();
    old.put("id", 1);
    old.put("qty", 5L);
    old.put("price", new BigDecimal("1.50"));
    old.put("ratio", 0.5d);
    old.put("note", null);
    assertThat(reader.rowsAt(items, shadowId(1), ReadOptions.ALL).rows()).containsExactly(old);
    assertThat(reader.rowsAt(items, shadowId(2), ReadOptions.ALL).rows())
        .containsExactlyInAnyOrder(old, v2Row);
  }

  @Test
  void incompatibleChangesAreRefusedAndChangeNothing() {
    ShadowCommitter committer = new ShadowCommitter(catalog.catalog());
    ShadowTableName items = new ShadowTableName("narrow", "items");
    committer.commit(
        new ShadowWrite(
            ShadowIds.of("narrow", Instant.parse("2026-02-01T00:00:00Z")),
            "narrow",
            1,
            Instant.parse("2026-02-01T00:00:00Z"),
            Map.of(),
            List.of(
                new TableWrite(
                    "items", V2, List.of(RowChange.upsert(row(1, 1L, "1.00", 1d, "x")))))));
    Table table = catalog.catalog().loadTable(items.identifier());
    String metadata = ((HasTableOperations) table).operations().current().metadataFileLocation();

    SourceTableSchema narrowed =
        new SourceTableSchema(
            List.of(
                SourceColumn.required("id", ColumnType.of(Kind.INT)),
                SourceColumn.optional("qty", ColumnType.of(Kind.INT)),
                SourceColumn.optional("price", ColumnType.decimal(12, 3)),
                SourceColumn.optional("ratio", ColumnType.of(Kind.DOUBLE))),
            List.of("id"));
    SchemaOutcome outcome = new ShadowTables(catalog.catalog()).prepare(items, narrowed);
    assertThat(outcome).isInstanceOf(IncompatibleSchemaChange.class);
    assertThat(((IncompatibleSchemaChange) outcome).problems())
        .containsExactly(
            "column qty changed type from long to int (narrowing)",
            "column price changed type from decimal(12, 2) to decimal(12, 3) (not a widening)");

    SourceTableSchema rekeyed =
        new SourceTableSchema(
            List.of(
                SourceColumn.required("id", ColumnType.of(Kind.INT)),
                SourceColumn.required("qty", ColumnType.of(Kind.LONG))),
            List.of("id", "qty"));
    Instant cut = Instant.parse("2026-02-01T00:05:00Z");
    assertThatThrownBy(
            () ->
                committer.commit(
                    new ShadowWrite(
                        ShadowIds.of("narrow", cut),
                        "narrow",
                        2,
                        cut,
                        Map.of(),
                        List.of(new TableWrite("items", rekeyed, List.of())))))
        .isInstanceOf(IncompatibleSchemaException.class)
        .hasMessageContaining("primary key changed from [id] to [id, qty]");
    table.refresh();
    assertThat(((HasTableOperations) table).operations().current().metadataFileLocation())
        .isEqualTo(metadata);
    assertThat(table.refs()).doesNotContainKey(ShadowIds.of("narrow", cut));
  }

  private static ShadowWrite write(int sequence, SourceTableSchema schema, RowChange change) {
    Instant cut = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(60L * sequence);
    return new ShadowWrite(
        ShadowIds.of("inv", cut),
        "inv",
        sequence,
        cut,
        Map.of(),
        List.of(new TableWrite("items", schema, List.of(change))));
  }

  private static String shadowId(int sequence) {
    return ShadowIds.of("inv", Instant.parse("2026-01-01T00:00:00Z").plusSeconds(60L * sequence));
  }

  private static Map<String, Object> row(
      int id, Object qty, String price, Object ratio, String note) {
    Map<String, Object> row = new HashMap<>();
    row.put("id", id);
    row.put("qty", qty);
    row.put("price", new BigDecimal(price));
    row.put("ratio", ratio);
    if (note != null) {
      row.put("note", note);
    }
    return row;
  }
}

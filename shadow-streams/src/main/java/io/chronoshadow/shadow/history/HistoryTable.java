package io.chronoshadow.shadow.history;

import io.chronoshadow.schemas.contract.GroupNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.types.Types;

/**
 * The columnar change history of one shadow group: one append-only Iceberg table, {@code
 * chrono_history.<group>}, partitioned by day of shadow time, one row per (shadow, source table,
 * key) that the shadow changed, sorted by source table and key within each shadow's file.
 *
 * <pre>
 * shadow_id string, shadow_sequence long, shadow_time timestamptz, source_table string,
 * op string (snapshot|insert|update|delete), row_key string,
 * key map&lt;string,string&gt;, before map&lt;string,string&gt;, after map&lt;string,string&gt;,
 * changed_columns list&lt;string&gt;, events int, last_commit_time timestamptz
 * </pre>
 *
 * <p>One shadow = one snapshot of this table, carrying the shadow's summary properties, written in
 * the same idempotent commit as the shadow (see {@code ShadowCommitter}).
 */
public final class HistoryTable {

  /** The namespace of every group's history table (outside the groups' own namespaces). */
  public static final String NAMESPACE = GroupNames.HISTORY_NAMESPACE;

  static final Schema SCHEMA =
      new Schema(
          Types.NestedField.required(1, "shadow_id", Types.StringType.get()),
          Types.NestedField.required(2, "shadow_sequence", Types.LongType.get()),
          Types.NestedField.required(3, "shadow_time", Types.TimestampType.withZone()),
          Types.NestedField.required(4, "source_table", Types.StringType.get()),
          Types.NestedField.required(5, "op", Types.StringType.get()),
          Types.NestedField.required(6, "row_key", Types.StringType.get()),
          Types.NestedField.required(
              7,
              "key",
              Types.MapType.ofOptional(13, 14, Types.StringType.get(), Types.StringType.get())),
          Types.NestedField.optional(
              8,
              "before",
              Types.MapType.ofOptional(15, 16, Types.StringType.get(), Types.StringType.get())),
          Types.NestedField.optional(
              9,
              "after",
              Types.MapType.ofOptional(17, 18, Types.StringType.get(), Types.StringType.get())),
          Types.NestedField.optional(
              10, "changed_columns", Types.ListType.ofRequired(19, Types.StringType.get())),
          Types.NestedField.required(11, "events", Types.IntegerType.get()),
          Types.NestedField.required(12, "last_commit_time", Types.TimestampType.withZone()));

  static final PartitionSpec SPEC = PartitionSpec.builderFor(SCHEMA).day("shadow_time").build();

  private static final Map<String, String> PROPERTIES =
      Map.of(
          TableProperties.FORMAT_VERSION,
          "2",
          TableProperties.DEFAULT_FILE_FORMAT,
          "parquet",
          // Whole keys and shadow ids in the manifests' column bounds, so that a key lookup or a
          // shadow's changes skip the files of other shadows without opening them.
          TableProperties.METRICS_MODE_COLUMN_CONF_PREFIX + "row_key",
          "truncate(128)",
          TableProperties.METRICS_MODE_COLUMN_CONF_PREFIX + "source_table",
          "full");

  private HistoryTable() {}

  public static TableIdentifier identifier(String group) {
    return TableIdentifier.of(Namespace.of(NAMESPACE), GroupNames.requireValid(group));
  }

  /** The group's history table, if it exists. */
  static Optional<Table> load(Catalog catalog, String group) {
    try {
      return Optional.of(catalog.loadTable(identifier(group)));
    } catch (NoSuchTableException absent) {
      return Optional.empty();
    }
  }

  /** The group's history table, created on first use. */
  public static Table loadOrCreate(Catalog catalog, String group) {
    Optional<Table> existing = load(catalog, group);
    if (existing.isPresent()) {
      return existing.get();
    }
    if (catalog instanceof SupportsNamespaces namespaces
        && !namespaces.namespaceExists(Namespace.of(NAMESPACE))) {
      try {
        namespaces.createNamespace(Namespace.of(NAMESPACE), Map.of());
      } catch (AlreadyExistsException raced) {
        // created concurrently
      }
    }
    try {
      return catalog
          .buildTable(identifier(group), SCHEMA)
          .withPartitionSpec(SPEC)
          .withSortOrder(SortOrder.builderFor(SCHEMA).asc("source_table").asc("row_key").build())
          .withProperties(PROPERTIES)
          .withProperty("chrono.group", group)
          .create();
    } catch (AlreadyExistsException raced) {
      return catalog.loadTable(identifier(group));
    }
  }

  /** The shadow's entries as one Parquet data file in the shadow's day partition. */
  public static DataFile write(
      Table table, String shadowId, long sequence, Instant shadowTime, List<KeyChange> changes) {
    List<KeyChange> sorted = new ArrayList<>(changes);
    sorted.sort(Comparator.comparing(KeyChange::sourceTable).thenComparing(KeyChange::rowKey));
    OffsetDateTime time = OffsetDateTime.ofInstant(shadowTime, ZoneOffset.UTC);
    GenericRecord template = GenericRecord.create(table.schema());
    PartitionKey partition = new PartitionKey(table.spec(), table.schema());
    template.setField("shadow_time", time);
    // The partition transform wants Iceberg's internal values (micros), not OffsetDateTime.
    partition.partition(new InternalRecordWrapper(table.schema().asStruct()).wrap(template));
    OutputFileFactory files =
        OutputFileFactory.builderFor(table, 0, 0)
            .format(FileFormat.PARQUET)
            .operationId(shadowId + "-history-" + UUID.randomUUID().toString().substring(0, 8))
            .build();
    try {
      DataWriter<Record> writer =
          Parquet.writeData(files.newOutputFile(table.spec(), partition))
              .forTable(table)
              .withSpec(table.spec())
              .withPartition(partition)
              .withSortOrder(table.sortOrder())
              .createWriterFunc(GenericParquetWriter::create)
              .build();
      try (writer) {
        for (KeyChange c : sorted) {
          GenericRecord r = template.copy();
          r.setField("shadow_id", shadowId);
          r.setField("shadow_sequence", sequence);
          r.setField("source_table", c.sourceTable());
          r.setField("op", c.op().code());
          r.setField("row_key", c.rowKey());
          r.setField("key", c.key());
          r.setField("before", c.before());
          r.setField("after", c.after());
          r.setField("changed_columns", c.changedColumns());
          r.setField("events", c.events());
          r.setField(
              "last_commit_time", OffsetDateTime.ofInstant(c.lastCommitTime(), ZoneOffset.UTC));
          writer.write(r);
        }
      }
      return writer.toDataFile();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write history of " + shadowId, e);
    }
  }

  @SuppressWarnings("unchecked")
  static HistoryEntry entry(Record r) {
    KeyChange change =
        new KeyChange(
            (String) r.getField("source_table"),
            KeyChange.ChangeOp.ofCode((String) r.getField("op")),
            (String) r.getField("row_key"),
            (Map<String, String>) r.getField("key"),
            (Map<String, String>) r.getField("before"),
            (Map<String, String>) r.getField("after"),
            (List<String>) r.getField("changed_columns"),
            (Integer) r.getField("events"),
            ((OffsetDateTime) r.getField("last_commit_time")).toInstant());
    return new HistoryEntry(
        (String) r.getField("shadow_id"),
        (Long) r.getField("shadow_sequence"),
        ((OffsetDateTime) r.getField("shadow_time")).toInstant(),
        change);
  }
}

package io.chronoshadow.shadow.table;

import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates shadow tables from a source schema and evolves them as the source schema changes. */
public final class ShadowTables {

  private static final Logger LOG = LoggerFactory.getLogger(ShadowTables.class);

  /**
   * Format 2 (Trino 476 cannot read v3 deletion vectors), Parquet, merge-on-read for row-level
   * changes so that a shadow adds delete files instead of rewriting data files.
   */
  static final Map<String, String> TABLE_PROPERTIES =
      Map.of(
          TableProperties.FORMAT_VERSION, "2",
          TableProperties.DEFAULT_FILE_FORMAT, "parquet",
          TableProperties.DELETE_DEFAULT_FILE_FORMAT, "parquet",
          TableProperties.DELETE_MODE, "merge-on-read",
          TableProperties.UPDATE_MODE, "merge-on-read",
          TableProperties.MERGE_MODE, "merge-on-read");

  private final Catalog catalog;

  public ShadowTables(Catalog catalog) {
    this.catalog = catalog;
  }

  /**
   * Makes sure the table exists with a schema that can hold rows of {@code source}: creates it from
   * this first schema, applies additive changes, or returns {@link IncompatibleSchemaChange} and
   * changes nothing.
   */
  public SchemaOutcome prepare(ShadowTableName name, SourceTableSchema source) {
    if (!catalog.tableExists(name.identifier())) {
      ensureNamespace(name.group());
      try {
        catalog
            .buildTable(name.identifier(), IcebergSchemas.fromSource(source))
            .withPartitionSpec(PartitionSpec.unpartitioned())
            .withProperties(TABLE_PROPERTIES)
            .withProperty("chrono.group", name.group())
            .create();
        LOG.info("table {} created with key {}", name, source.primaryKey());
        return new SchemaOutcome.Created(name);
      } catch (AlreadyExistsException raced) {
        // Another writer created it between the check and the create: evolve against it.
        LOG.info("table {} was created concurrently", name);
      }
    }
    return evolve(catalog.loadTable(name.identifier()), name, source);
  }

  /** Applies additive changes to a loaded table, or reports the incompatibility (no change). */
  public SchemaOutcome evolve(Table table, ShadowTableName name, SourceTableSchema source) {
    SchemaEvolution evolution = SchemaEvolution.plan(table.schema(), source);
    if (!evolution.problems().isEmpty()) {
      IncompatibleSchemaChange incompatible =
          new IncompatibleSchemaChange(name, evolution.problems());
      LOG.warn("{}", incompatible.message());
      return incompatible;
    }
    if (evolution.changes().isEmpty()) {
      return new SchemaOutcome.Unchanged(name);
    }
    UpdateSchema update = table.updateSchema();
    evolution.applyTo(update);
    update.commit();
    LOG.info("table {} schema evolved: {}", name, evolution.changes());
    return new SchemaOutcome.Evolved(name, evolution.changes());
  }

  /**
   * The incompatibility {@link #evolve} would report, without changing anything; empty when the
   * table can follow the schema.
   */
  public static Optional<IncompatibleSchemaChange> check(
      Table table, ShadowTableName name, SourceTableSchema source) {
    SchemaEvolution evolution = SchemaEvolution.plan(table.schema(), source);
    return evolution.problems().isEmpty()
        ? Optional.empty()
        : Optional.of(new IncompatibleSchemaChange(name, evolution.problems()));
  }

  private void ensureNamespace(String group) {
    if (catalog instanceof SupportsNamespaces namespaces) {
      Namespace namespace = Namespace.of(group);
      if (!namespaces.namespaceExists(namespace)) {
        try {
          namespaces.createNamespace(namespace, Map.of("chrono.group", group));
          LOG.info("namespace {} created", group);
        } catch (AlreadyExistsException raced) {
          // created concurrently: fine
        }
      }
    }
  }
}

package io.chronoshadow.console.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.chronoshadow.console.demo.DemoKillRestartTest.DemoPorts;
import io.chronoshadow.devstack.DevStackConfig;
import io.chronoshadow.devstack.DevStackPorts;
import io.chronoshadow.devstack.audit.RowDifference;
import io.chronoshadow.devstack.workload.ShopSchema;
import io.chronoshadow.devstack.workload.ShopTable;
import io.chronoshadow.fixtures.source.AuditedSource;
import io.chronoshadow.fixtures.source.SourceRows;
import io.chronoshadow.shadow.app.ShadowReplay;
import io.chronoshadow.shadow.catalog.CatalogSettings;
import io.chronoshadow.shadow.catalog.ShadowCatalog;
import io.chronoshadow.shadow.read.ReadOptions;
import io.chronoshadow.shadow.read.ShadowReader;
import io.chronoshadow.shadow.read.ShadowRef;
import io.chronoshadow.shadow.table.ShadowTableName;
import io.chronoshadow.shadow.topology.ShadowTopics;
import java.net.URI;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Invariant 1 for the demo, against its source database: every shadow cut after the audit was
 * installed equals the shop as PostgreSQL's own audit says it was at the cut ({@link
 * AuditedSource}) and as the replay of the change topics up to the cut gives it ({@link
 * ShadowReplay}: capture's output, read apart from the topology), and no shadow holds a late
 * transaction. Installed while the demo runs, so the shadows before it are not checked: triggers
 * see only the changes after them.
 */
final class DemoSourceOracle {

  private static final DevStackConfig DEMO = DevStackConfig.builder().build();

  private final DemoPorts ports;
  private final AuditedSource audit;
  private final Instant installedAt;

  private DemoSourceOracle(DemoPorts ports, AuditedSource audit, Instant installedAt) {
    this.ports = ports;
    this.audit = audit;
    this.installedAt = installedAt;
  }

  static DemoSourceOracle install(DemoPorts ports) {
    PGSimpleDataSource source = new PGSimpleDataSource();
    source.setUrl(ports.sourceJdbcUrl());
    source.setUser(DEMO.postgresUser());
    source.setPassword(DEMO.postgresPassword());
    return new DemoSourceOracle(ports, AuditedSource.install(source), Instant.now());
  }

  /** Checks every shadow cut after the install; returns how many shadows were compared. */
  int assertShadowsEqualTheSource() throws SQLException {
    String registry =
        "http://" + DevStackPorts.HOST + ":" + ports.registryPort() + "/apis/ccompat/v7";
    List<GenericRecord> shadows = CommittedShadows.records(ports.kafka(), registry);
    assertThat(shadows)
        .as("no shadow holds a transaction that belonged to an earlier one")
        .allSatisfy(r -> assertThat(r.get("lateTransactions")).isEqualTo(0L));
    assertThat(shadows.stream().map(r -> r.get("shadowId").toString()))
        .as("each shadow announced once")
        .doesNotHaveDuplicates();
    ShadowReplay replay =
        ShadowReplay.read(
            ports.kafka(), registry, ShadowTopics.defaults(DEMO.topicPrefix()), ShopSchema.TABLES);
    int compared = 0;
    try (ShadowCatalog catalog = ShadowCatalog.open(catalogSettings())) {
      ShadowReader reader = new ShadowReader(catalog.catalog());
      for (GenericRecord shadow : shadows) {
        Instant cut = Instant.ofEpochMilli((long) shadow.get("cutTime"));
        if (!cut.isAfter(installedAt)) {
          continue;
        }
        String id = shadow.get("shadowId").toString();
        for (ShopTable table : ShopSchema.TABLES) {
          Map<String, Map<String, String>> shadowRows = shadowRows(reader, table, id);
          Map<String, Map<String, String>> sourceRows = audit.rowsAt(table, cut);
          assertThat(RowDifference.describe(shadowRows, sourceRows, 5))
              .as("%s of %s against the source as of %s", table.qualifiedName(), id, cut)
              .isEmpty();
          Map<String, Map<String, String>> replayed =
              replay.stateAt(table.qualifiedName(), cut, table.primaryKey());
          assertThat(RowDifference.describe(shadowRows, replayed, 5))
              .as(
                  "%s of %s against the replay of the change topics to %s",
                  table.qualifiedName(), id, cut)
              .isEmpty();
        }
        compared++;
      }
    }
    return compared;
  }

  private static Map<String, Map<String, String>> shadowRows(
      ShadowReader reader, ShopTable table, String shadowId) {
    ShadowTableName name =
        ShadowTableName.fromSourceTable("shop", table.qualifiedName(), ShopSchema.SCHEMA);
    try {
      if (reader.shadows(name).stream().map(ShadowRef::shadowId).noneMatch(shadowId::equals)) {
        return Map.of(); // the table did not exist yet at this shadow
      }
    } catch (NoSuchTableException absent) {
      return Map.of();
    }
    return SourceRows.canonical(table, reader.rowsAt(name, shadowId, ReadOptions.ALL).rows());
  }

  private CatalogSettings catalogSettings() {
    return new CatalogSettings(
        URI.create("http://" + DevStackPorts.HOST + ":" + ports.s3Port()),
        DEMO.bucket(),
        DEMO.s3AccessKey(),
        DEMO.s3SecretKey(),
        "us-east-1",
        "jdbc:postgresql://" + DevStackPorts.HOST + ":" + ports.postgresPort() + "/catalog",
        DEMO.postgresUser(),
        DEMO.postgresPassword(),
        DemoShadows.CATALOG_NAME);
  }
}

package io.chronoshadow.shadow.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.chronoshadow.devstack.audit.RowDifference;
import io.chronoshadow.devstack.workload.ShopSchema;
import io.chronoshadow.devstack.workload.ShopTable;
import io.chronoshadow.fixtures.source.AuditedSource;
import io.chronoshadow.fixtures.stack.ShopStack;
import io.chronoshadow.shadow.read.ShadowReader;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.avro.generic.GenericRecord;

/**
 * Invariant 1 against the source itself: every announced shadow, in every table, equals the source
 * database as of its cut, as PostgreSQL's own audit says ({@link AuditedSource}). Unlike the replay
 * of the change topics, this oracle also catches a transaction that capture published late into a
 * later shadow: the topics would agree with such a shadow, the database does not.
 */
final class SourceOracle {

  private final AuditedSource source;

  private SourceOracle(AuditedSource source) {
    this.source = source;
  }

  /** Audits the shop schema; call before the workload's first transaction. */
  static SourceOracle install(DataSource source) {
    return new SourceOracle(AuditedSource.install(source));
  }

  /** The oracle of a shop stack started audited. */
  static SourceOracle of(ShopStack shop) {
    return new SourceOracle(shop.audited());
  }

  /**
   * A table as of {@code cut}, by canonical key, in the form of {@link StackShadows#shadowRows}.
   */
  Map<String, Map<String, String>> rowsAt(ShopTable table, Instant cut) throws SQLException {
    return source.rowsAt(table, cut);
  }

  /**
   * Asserts that every shadow of {@code shadows} (records of the shadows topic) equals the source
   * at its cut, table by table; returns how many table states were compared.
   */
  int assertShadowsEqualSource(ShadowReader reader, List<GenericRecord> shadows)
      throws SQLException {
    int compared = 0;
    for (GenericRecord shadow : shadows) {
      String id = shadow.get("shadowId").toString();
      Instant cut = Instant.ofEpochMilli((long) shadow.get("cutTime"));
      for (ShopTable table : ShopSchema.TABLES) {
        Map<String, Map<String, String>> shadowRows = StackShadows.shadowRows(reader, table, id);
        Map<String, Map<String, String>> sourceRows = rowsAt(table, cut);
        assertThat(RowDifference.describe(shadowRows, sourceRows, 5))
            .as("%s of %s against the source as of %s", table.qualifiedName(), id, cut)
            .isEmpty();
        compared++;
      }
    }
    return compared;
  }
}

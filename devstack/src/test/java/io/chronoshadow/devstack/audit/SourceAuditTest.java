package io.chronoshadow.devstack.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chronoshadow.devstack.postgres.EmbeddedPostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceAuditTest {

  @TempDir static Path dir;

  static EmbeddedPostgresServer pg;

  @BeforeAll
  static void start() {
    pg = EmbeddedPostgresServer.start(dir.resolve("postgres"), 0, "chrono", "pw", "source", "cat");
  }

  @AfterAll
  static void stop() {
    if (pg != null) {
      pg.close();
    }
  }

  @Test
  void aTableAsOfEachCommitHoldsExactlyTheTransactionsBeforeIt() throws SQLException {
    run("CREATE SCHEMA s; CREATE TABLE s.t (id int PRIMARY KEY, v text NOT NULL)");
    SourceAudit audit = SourceAudit.install(pg.sourceDataSource(), "s");
    assertThat(audit.tables()).containsExactly("s.t");
    assertThat(audit.keyColumns("s.t")).containsExactly("id");

    Instant first = run("INSERT INTO s.t VALUES (1, 'a'), (2, 'b')");
    Instant second =
        run(
            "UPDATE s.t SET v = 'a2' WHERE id = 1; DELETE FROM s.t WHERE id = 2;"
                + " INSERT INTO s.t VALUES (3, 'c')");
    rolledBack("UPDATE s.t SET v = 'never' WHERE id = 1");
    Instant third = run("UPDATE s.t SET id = 4 WHERE id = 3; UPDATE s.t SET v = 'a3' WHERE id = 1");
    Instant later = third.plusSeconds(60);

    assertThat(byId(audit.rowsAt("s.t", first))).isEmpty();
    assertThat(byId(audit.rowsAt("s.t", first.plusNanos(1000)))).isEqualTo(Map.of(1, "a", 2, "b"));
    assertThat(byId(audit.rowsAt("s.t", second))).isEqualTo(Map.of(1, "a", 2, "b"));
    assertThat(byId(audit.rowsAt("s.t", third))).isEqualTo(Map.of(1, "a2", 3, "c"));
    assertThat(byId(audit.rowsAt("s.t", later))).isEqualTo(Map.of(1, "a3", 4, "c"));
    assertThat(audit.rowsAt("s.t", later).get(0)).containsOnlyKeys("id", "v");
  }

  @Test
  void refusesATableWithoutAPrimaryKeyAndAnUnknownTable() throws SQLException {
    run("CREATE SCHEMA nokey; CREATE TABLE nokey.t (v text)");
    assertThatThrownBy(() -> SourceAudit.install(pg.sourceDataSource(), "nokey"))
        .hasMessageContaining("nokey.t has no primary key");
    run("CREATE SCHEMA empty");
    SourceAudit none = SourceAudit.install(pg.sourceDataSource(), "empty");
    assertThatThrownBy(() -> none.rowsAt("s.t", Instant.now()))
        .hasMessageContaining("not audited: s.t");
  }

  /** Runs the statements as one transaction; returns its commit time. */
  private static Instant run(String sql) throws SQLException {
    try (Connection c = pg.sourceDataSource().getConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute(sql);
      c.commit();
      try (ResultSet rs = s.executeQuery("SELECT timestamp FROM pg_last_committed_xact()")) {
        rs.next();
        return rs.getObject(1, OffsetDateTime.class).toInstant();
      }
    }
  }

  private static void rolledBack(String sql) throws SQLException {
    try (Connection c = pg.sourceDataSource().getConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute(sql);
      c.rollback();
    }
  }

  private static Map<Integer, String> byId(List<Map<String, Object>> rows) {
    Map<Integer, String> out = new TreeMap<>();
    rows.forEach(r -> out.put((Integer) r.get("id"), (String) r.get("v")));
    return out;
  }
}

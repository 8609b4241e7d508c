package io.chronoshadow.devstack.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The source database as it was at any past instant, told by PostgreSQL itself: an oracle for
 * shadows that depends on nothing of capture, Kafka or the shadow topology.
 *
 * <p>Row triggers copy the image a change replaces into an audit table per source table (schema
 * {@value #AUDIT_SCHEMA}), in the changing transaction, with its transaction id; {@code
 * track_commit_timestamp} gives each transaction's commit time. A table as of {@code T} is then its
 * current rows, where a key changed by a transaction committed at or after {@code T} is replaced by
 * the image its first such change replaced (absent if that change inserted it). Current rows and
 * audit rows are read in one statement, so in one snapshot.
 *
 * <p>Install it before the changes it must answer for (triggers see only what follows them).
 * Truncates are not audited.
 */
public final class SourceAudit {

  public static final String AUDIT_SCHEMA = "chrono_audit";

  private final DataSource source;
  private final Map<String, AuditedTable> tables;

  private record AuditedTable(
      String qualifiedName, String auditTable, List<String> columns, List<String> key) {}

  private SourceAudit(DataSource source, Map<String, AuditedTable> tables) {
    this.source = source;
    this.tables = tables;
  }

  /**
   * Audits every table of {@code schema} (each needs a primary key). Idempotent: installing again
   * keeps what was recorded.
   *
   * @throws IllegalStateException if {@code track_commit_timestamp} is off
   */
  public static SourceAudit install(DataSource source, String schema) throws SQLException {
    Map<String, AuditedTable> tables = new TreeMap<>();
    try (Connection c = source.getConnection();
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SHOW track_commit_timestamp")) {
        rs.next();
        if (!"on".equals(rs.getString(1))) {
          throw new IllegalStateException(
              "track_commit_timestamp is off: the audit needs commit times (set it on the server)");
        }
      }
      s.execute("CREATE SCHEMA IF NOT EXISTS " + AUDIT_SCHEMA);
      for (String table : tablesOf(c, schema)) {
        AuditedTable audited =
            new AuditedTable(
                schema + "." + table,
                AUDIT_SCHEMA + "." + quote(schema + "__" + table),
                columnsOf(c, schema, table),
                keyOf(c, schema, table));
        if (audited.key().isEmpty()) {
          throw new IllegalArgumentException(
              schema + "." + table + " has no primary key: its rows cannot be followed");
        }
        install(s, schema, table, audited);
        tables.put(audited.qualifiedName(), audited);
      }
    }
    return new SourceAudit(source, tables);
  }

  /** The audited tables, {@code schema.table}. */
  public List<String> tables() {
    return List.copyOf(tables.keySet());
  }

  /**
   * The rows of {@code table} ({@code schema.table}) holding exactly the transactions committed
   * before {@code cut}: column name → JDBC value, as {@code SELECT *} gives them.
   */
  public List<Map<String, Object>> rowsAt(String table, Instant cut) throws SQLException {
    AuditedTable t = tables.get(table);
    if (t == null) {
      throw new IllegalArgumentException("not audited: " + table + " (audited: " + tables() + ")");
    }
    String columns = t.columns().stream().map(SourceAudit::quote).collect(Collectors.joining(", "));
    String keys = t.key().stream().map(SourceAudit::quote).collect(Collectors.joining(", "));
    String sameKey =
        t.key().stream()
            .map(k -> "l." + quote(k) + " = s." + quote(k))
            .collect(Collectors.joining(" AND "));
    // An xid8 carries an epoch; pg_xact_commit_timestamp takes the 32-bit xid.
    String commitTime =
        "pg_xact_commit_timestamp((a.audit_xid::text::bigint % 4294967296)::text::xid)";
    String sql =
        "WITH later AS (SELECT DISTINCT ON ("
            + keys
            + ") * FROM "
            + t.auditTable()
            + " a WHERE "
            + commitTime
            + " >= ? ORDER BY "
            + keys
            + ", a.audit_id)"
            + " SELECT "
            + columns
            + " FROM "
            + qualified(t.qualifiedName())
            + " s WHERE NOT EXISTS (SELECT 1 FROM later l WHERE "
            + sameKey
            + ") UNION ALL SELECT "
            + columns
            + " FROM later WHERE audit_op <> 'I'";
    List<Map<String, Object>> rows = new ArrayList<>();
    try (Connection c = source.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, OffsetDateTime.ofInstant(cut, ZoneOffset.UTC));
      try (ResultSet rs = ps.executeQuery()) {
        ResultSetMetaData meta = rs.getMetaData();
        while (rs.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 1; i <= meta.getColumnCount(); i++) {
            row.put(meta.getColumnName(i), rs.getObject(i));
          }
          rows.add(row);
        }
      }
    }
    return rows;
  }

  /** The primary-key columns of {@code table}, in key order. */
  public List<String> keyColumns(String table) {
    AuditedTable t = tables.get(table);
    if (t == null) {
      throw new IllegalArgumentException("not audited: " + table);
    }
    return t.key();
  }

  private static void install(Statement s, String schema, String table, AuditedTable t)
      throws SQLException {
    String source = quote(schema) + "." + quote(table);
    s.execute(
        "CREATE TABLE IF NOT EXISTS "
            + t.auditTable()
            + " (audit_id bigserial PRIMARY KEY, audit_xid xid8 NOT NULL DEFAULT"
            + " pg_current_xact_id(), audit_op char(1) NOT NULL, LIKE "
            + source
            + ")");
    String columns = t.columns().stream().map(SourceAudit::quote).collect(Collectors.joining(", "));
    String oldValues = values("OLD", t.columns());
    String newValues = values("NEW", t.columns());
    String keyChanged =
        t.key().stream()
            .map(k -> "OLD." + quote(k) + " IS DISTINCT FROM NEW." + quote(k))
            .collect(Collectors.joining(" OR "));
    String insert = "INSERT INTO " + t.auditTable() + " (audit_op, " + columns + ") VALUES ";
    String function = AUDIT_SCHEMA + "." + quote(schema + "__" + table + "__log");
    // An update records the image it replaces; one that moves the key also records the new key as
    // inserted, so that the key is absent before it.
    s.execute(
        "CREATE OR REPLACE FUNCTION "
            + function
            + "() RETURNS trigger LANGUAGE plpgsql AS $audit$ BEGIN"
            + " IF TG_OP = 'INSERT' THEN "
            + insert
            + "('I', "
            + newValues
            + "); RETURN NEW;"
            + " ELSIF TG_OP = 'UPDATE' THEN "
            + insert
            + "('U', "
            + oldValues
            + "); IF "
            + keyChanged
            + " THEN "
            + insert
            + "('I', "
            + newValues
            + "); END IF; RETURN NEW;"
            + " ELSE "
            + insert
            + "('D', "
            + oldValues
            + "); RETURN OLD; END IF; END $audit$");
    s.execute("DROP TRIGGER IF EXISTS chrono_audit ON " + source);
    s.execute(
        "CREATE TRIGGER chrono_audit AFTER INSERT OR UPDATE OR DELETE ON "
            + source
            + " FOR EACH ROW EXECUTE FUNCTION "
            + function
            + "()");
  }

  private static String values(String image, List<String> columns) {
    return columns.stream().map(c -> image + "." + quote(c)).collect(Collectors.joining(", "));
  }

  private static List<String> tablesOf(Connection c, String schema) throws SQLException {
    return strings(
        c,
        "SELECT table_name FROM information_schema.tables WHERE table_schema = ? AND"
            + " table_type = 'BASE TABLE' ORDER BY table_name",
        schema);
  }

  private static List<String> columnsOf(Connection c, String schema, String table)
      throws SQLException {
    return strings(
        c,
        "SELECT column_name FROM information_schema.columns WHERE table_schema = ? AND"
            + " table_name = ? ORDER BY ordinal_position",
        schema,
        table);
  }

  private static List<String> keyOf(Connection c, String schema, String table) throws SQLException {
    return strings(
        c,
        "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND"
            + " a.attnum = ANY (i.indkey) WHERE i.indrelid = (quote_ident(?) || '.' ||"
            + " quote_ident(?))::regclass AND i.indisprimary"
            + " ORDER BY array_position(i.indkey::smallint[], a.attnum)",
        schema,
        table);
  }

  /** The first column of a query's rows. */
  private static List<String> strings(Connection c, String sql, String... params)
      throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setString(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  private static String qualified(String schemaDotTable) {
    int dot = schemaDotTable.indexOf('.');
    return quote(schemaDotTable.substring(0, dot)) + "." + quote(schemaDotTable.substring(dot + 1));
  }

  private static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}

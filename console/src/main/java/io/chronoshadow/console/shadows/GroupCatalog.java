package io.chronoshadow.console.shadows;

import io.chronoshadow.console.http.ApiError;
import io.chronoshadow.schemas.contract.GroupNames;
import io.chronoshadow.shadow.commit.ShadowSummary;
import io.chronoshadow.shadow.read.ShadowReader;
import io.chronoshadow.shadow.read.ShadowRef;
import io.chronoshadow.shadow.table.ShadowTableName;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchTableException;

/**
 * The shadow groups as the Iceberg catalog holds them: a group is a namespace, its tables are the
 * namespace's tables, and a shadow is a {@code shadow-…} tag on each of them. Unknown groups,
 * tables and shadows are 404s that say what exists.
 */
public final class GroupCatalog {

  private final Catalog catalog;
  private final SupportsNamespaces namespaces;
  private final ShadowReader reader;

  public GroupCatalog(Catalog catalog, SupportsNamespaces namespaces) {
    this.catalog = catalog;
    this.namespaces = namespaces;
    this.reader = new ShadowReader(catalog);
  }

  public ShadowReader reader() {
    return reader;
  }

  public List<String> groups() {
    List<String> groups = new ArrayList<>();
    for (Namespace ns : namespaces.listNamespaces()) {
      if (ns.levels().length == 1 && GroupNames.problem(ns.level(0)).isEmpty()) {
        groups.add(ns.level(0));
      }
    }
    groups.sort(Comparator.naturalOrder());
    return groups;
  }

  /** The group's tables by Iceberg name; 404 when the catalog has no such group. */
  public List<String> tables(String group) {
    Namespace ns = Namespace.of(group);
    if (!namespaces.namespaceExists(ns)) {
      throw ApiError.notFound(
          "group_not_found", "no shadow group " + group + " (groups: " + groups() + ")");
    }
    List<String> tables = new ArrayList<>();
    for (TableIdentifier id : catalog.listTables(ns)) {
      tables.add(id.name());
    }
    tables.sort(Comparator.naturalOrder());
    return tables;
  }

  public ShadowTableName tableName(String group, String table) {
    List<String> tables = tables(group);
    if (!tables.contains(table)) {
      throw ApiError.notFound(
          "table_not_found",
          "group " + group + " has no table " + table + " (tables: " + tables + ")");
    }
    return new ShadowTableName(group, table);
  }

  public Table load(ShadowTableName name) {
    try {
      return catalog.loadTable(name.identifier());
    } catch (NoSuchTableException e) {
      throw ApiError.notFound("table_not_found", "no table " + name);
    }
  }

  /** Every shadow of the group, by cut time, with the snapshot its tag names on each table. */
  public List<GroupShadow> shadows(String group) {
    Map<String, GroupShadow.Builder> byId = new TreeMap<>();
    for (String table : tables(group)) {
      ShadowTableName name = new ShadowTableName(group, table);
      for (ShadowRef ref : reader.shadows(name)) {
        byId.computeIfAbsent(ref.shadowId(), id -> new GroupShadow.Builder(id, ref.cutTime()))
            .table(table, ref.snapshotId());
      }
    }
    List<GroupShadow> shadows = new ArrayList<>();
    byId.values().forEach(b -> shadows.add(b.build()));
    shadows.sort(Comparator.comparing(GroupShadow::cutTime).thenComparing(GroupShadow::id));
    return shadows;
  }

  public GroupShadow shadow(String group, String shadowId) {
    for (GroupShadow s : shadows(group)) {
      if (s.id().equals(shadowId)) {
        return s;
      }
    }
    throw ApiError.notFound(
        "shadow_not_found",
        "group "
            + group
            + " has no shadow "
            + shadowId
            + "; GET /api/v1/groups/"
            + group
            + "/shadows lists them");
  }

  /**
   * The shadow as tagged on one table (one catalog load, not the whole group's): 404 when the table
   * has no such tag.
   */
  public ShadowRef shadowOn(ShadowTableName name, String shadowId) {
    for (ShadowRef ref : reader.shadows(name)) {
      if (ref.shadowId().equals(shadowId)) {
        return ref;
      }
    }
    throw ApiError.notFound(
        "shadow_not_found",
        "table "
            + name.table()
            + " of group "
            + name.group()
            + " has no shadow "
            + shadowId
            + "; GET /api/v1/groups/"
            + name.group()
            + "/shadows lists them");
  }

  /** The latest shadow with cut time ≤ {@code time}, or null before the first. */
  public GroupShadow shadowAsOf(String group, Instant time) {
    GroupShadow latest = null;
    for (GroupShadow s : shadows(group)) {
      if (!s.cutTime().isAfter(time)) {
        latest = s;
      }
    }
    return latest;
  }

  /** When the shadow's own snapshot (on a table it changed) was committed to the catalog. */
  public static Instant committedAt(Table table, long snapshotId, String shadowId) {
    Snapshot snapshot = table.snapshot(snapshotId);
    if (snapshot == null || !ShadowSummary.shadowId(snapshot).orElse("").equals(shadowId)) {
      return null;
    }
    return Instant.ofEpochMilli(snapshot.timestampMillis());
  }
}

package io.chronoshadow.console.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chronoshadow.console.http.ApiError;
import io.chronoshadow.console.http.ApiParam;
import io.chronoshadow.console.http.ApiRoute;
import io.chronoshadow.console.http.Json;
import io.chronoshadow.console.http.Params;
import io.chronoshadow.console.policies.PolicyRoutes;
import io.chronoshadow.console.shadows.GroupCatalog;
import io.chronoshadow.shadow.read.KeyVersion;
import io.chronoshadow.shadow.read.ShadowDiff;
import io.chronoshadow.shadow.read.ShadowRef;
import io.chronoshadow.shadow.table.IcebergSchemas;
import io.chronoshadow.shadow.table.ShadowTableName;
import io.javalin.http.Context;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;

/**
 * Point-in-time reads of a group's tables: rows at a shadow or as of a time (filters, projection,
 * key order, pages; JSON or streamed CSV), the diff between two shadows, one key's history.
 */
public final class QueryRoutes {

  static final String TAG = "queries";
  private static final ApiParam GROUP = ApiParam.path("group", "shadow group, e.g. shop");
  private static final ApiParam TABLE =
      ApiParam.path("table", "table name in the group, e.g. orders");

  private final GroupCatalog groups;
  private final QueryLimits limits;

  public QueryRoutes(GroupCatalog groups, QueryLimits limits) {
    this.groups = groups;
    this.limits = limits;
  }

  public List<ApiRoute> routes() {
    return List.of(
        ApiRoute.get("/api/v1/groups/{group}/tables")
            .tag(TAG)
            .summary("The group's tables with their columns and key")
            .params(GROUP)
            .handle(this::tables),
        ApiRoute.get("/api/v1/groups/{group}/tables/{table}/rows")
            .tag(TAG)
            .summary(
                "Rows of a table at a shadow (shadow=) or as of a time (asOf=, the latest shadow"
                    + " cut at or before it); JSON pages in key order, or CSV streamed in"
                    + " storage order")
            .params(
                GROUP,
                TABLE,
                ApiParam.query(
                    "shadow", "string", "shadow id, e.g. shadow-shop-20260101T100000.000Z"),
                ApiParam.queryTime("asOf", "ISO-8601 instant, e.g. 2026-01-01T10:00:00Z"),
                ApiParam.query("columns", "string", "comma-separated projection (default: all)"),
                ApiParam.query(
                        "filter",
                        "string",
                        "column:op:value, op one of " + String.join(" ", RowFilter.OPS))
                    .repeatable(),
                ApiParam.queryInt(
                    "limit",
                    1,
                    limits.maxCsvRows(),
                    "rows per page (JSON, ≤ "
                        + limits.maxPageSize()
                        + ") or in all (CSV, ≤ "
                        + limits.maxCsvRows()
                        + ")"),
                ApiParam.query(
                    KeyOrder.TOKEN_PARAM, "string", "nextPageToken of the previous page"),
                ApiParam.queryEnum("format", List.of("json", "csv"), "default json"))
            .produces("application/json", "text/csv")
            .expensive()
            .handle(this::rows),
        ApiRoute.get("/api/v1/groups/{group}/tables/{table}/diff")
            .tag(TAG)
            .summary("Rows added, removed and changed (before/after) from one shadow to another")
            .params(
                GROUP,
                TABLE,
                new ApiParam("from", "query", true, "string", null, null, "earlier shadow id"),
                new ApiParam("to", "query", true, "string", null, null, "later shadow id"),
                ApiParam.queryInt(
                    "limit",
                    1,
                    limits.maxPageSize(),
                    "most entries per list (≤ " + limits.maxPageSize() + ")"))
            .expensive()
            .handle(this::diff),
        ApiRoute.get("/api/v1/groups/{group}/tables/{table}/history")
            .tag(TAG)
            .summary("One key's value (or deletion) at every shadow that changed it")
            .params(
                GROUP,
                TABLE,
                new ApiParam(
                        "key",
                        "query",
                        true,
                        "string",
                        null,
                        null,
                        "column:value for each key column, e.g. key=id:42")
                    .repeatable())
            .expensive()
            .handle(this::history));
  }

  private void tables(Context ctx) {
    String group = PolicyRoutes.group(ctx);
    ArrayNode out = Json.array();
    for (String table : groups.tables(group)) {
      Table t = groups.load(new ShadowTableName(group, table));
      ObjectNode node = out.addObject();
      node.put("table", table);
      ArrayNode key = node.putArray("key");
      IcebergSchemas.keyColumns(t.schema()).forEach(key::add);
      ArrayNode columns = node.putArray("columns");
      for (Types.NestedField f : t.schema().columns()) {
        columns.addObject().put("name", f.name()).put("type", f.type().toString());
      }
    }
    ObjectNode body = Json.object();
    body.put("group", group);
    body.set("tables", out);
    Json.respond(ctx, 200, body);
  }

  // ---- rows -----------------------------------------------------------------------------------

  private void rows(Context ctx) throws IOException {
    String group = PolicyRoutes.group(ctx);
    ShadowTableName name = groups.tableName(group, ctx.pathParam("table"));
    Table table = groups.load(name);
    Schema schema = table.schema();
    List<String> columns = projection(ctx, schema);
    List<RowFilter> filters = new ArrayList<>();
    for (String f : ctx.queryParams(RowFilter.PARAM)) {
      filters.add(RowFilter.parse(f, schema));
    }
    boolean csv = "csv".equals(Params.oneOf(ctx, "format", List.of("json", "csv"), "json"));
    int limit =
        csv
            ? Params.intIn(ctx, "limit", limits.maxCsvRows(), 1, limits.maxCsvRows())
            : Params.intIn(ctx, "limit", 100, 1, limits.maxPageSize());
    KeyOrder order = new KeyOrder(IcebergSchemas.keyColumns(schema));
    String token = ctx.queryParam(KeyOrder.TOKEN_PARAM);
    List<Object> after =
        token == null || token.isBlank() ? null : order.parseToken(token.trim(), schema);
    ShadowRef shadow = at(ctx, name);
    Long snapshotId = shadow == null ? null : shadow.snapshotId();
    if (csv) {
      streamCsv(ctx, table, snapshotId, columns, filters, limit);
    } else {
      page(ctx, name, table, shadow, snapshotId, columns, filters, order, after, limit);
    }
  }

  /**
   * The shadow the read is at, as tagged on the table: {@code shadow=} or {@code asOf=} (exactly
   * one); null before the first shadow.
   */
  private ShadowRef at(Context ctx, ShadowTableName name) {
    String shadowId = ctx.queryParam("shadow");
    Instant asOf = Params.instant(ctx, "asOf");
    boolean byId = shadowId != null && !shadowId.isBlank();
    if (byId == (asOf != null)) {
      throw ApiError.badRequest(
          "shadow",
          "give exactly one of shadow=<shadow id> or asOf=<ISO-8601 instant, e.g."
              + " 2026-01-01T10:00:00Z>");
    }
    return byId
        ? groups.shadowOn(name, shadowId.trim())
        : groups.reader().shadowAsOf(name, asOf).orElse(null);
  }

  private static List<String> projection(Context ctx, Schema schema) {
    String text = ctx.queryParam("columns");
    if (text == null || text.isBlank()) {
      return schema.columns().stream().map(Types.NestedField::name).toList();
    }
    Set<String> columns = new LinkedHashSet<>();
    for (String c : text.split(",")) {
      String column = c.trim();
      if (schema.findField(column) == null) {
        throw ApiError.badRequest(
            "columns", "no column '" + column + "' (columns " + RowFilter.names(schema) + ")");
      }
      columns.add(column);
    }
    return List.copyOf(columns);
  }

  private record Keyed(List<Object> key, Map<String, Object> row) {}

  private void page(
      Context ctx,
      ShadowTableName name,
      Table table,
      ShadowRef shadow,
      Long snapshotId,
      List<String> columns,
      List<RowFilter> filters,
      KeyOrder order,
      List<Object> after,
      int limit) {
    // The smallest limit+1 keys after the cursor, in a max-heap: memory is one page, whatever the
    // table's size; the extra row says whether another page follows.
    PriorityQueue<Keyed> smallest =
        new PriorityQueue<>(limit + 2, (a, b) -> KeyOrder.compare(b.key(), a.key()));
    if (snapshotId != null) {
      List<String> needed = new ArrayList<>(columns);
      needed.addAll(order.columns());
      List<RowFilter> pushed = new ArrayList<>(filters);
      if (after != null && order.columns().size() == 1) {
        pushed.add(new RowFilter(order.columns().get(0), "gt", after.get(0)));
      }
      new RowScan(table, snapshotId, needed, pushed)
          .forEach(
              record -> {
                List<Object> key = order.key(record);
                if (after != null && KeyOrder.compare(key, after) <= 0) {
                  return true;
                }
                if (smallest.size() <= limit || KeyOrder.compare(key, smallest.peek().key()) < 0) {
                  smallest.add(new Keyed(key, project(record, columns)));
                  if (smallest.size() > limit + 1) {
                    smallest.poll();
                  }
                }
                return true;
              });
    }
    List<Keyed> rows = new ArrayList<>(smallest);
    rows.sort((a, b) -> KeyOrder.compare(a.key(), b.key()));
    boolean more = rows.size() > limit;
    if (more) {
      rows = rows.subList(0, limit);
    }
    ObjectNode body = Json.object();
    body.put("group", name.group());
    body.put("table", name.table());
    body.set("shadow", shadow == null ? null : shadowRef(shadow));
    ArrayNode cols = body.putArray("columns");
    columns.forEach(cols::add);
    ArrayNode out = body.putArray("rows");
    rows.forEach(r -> out.add(Json.row(r.row())));
    body.put("nextPageToken", more ? order.token(rows.get(rows.size() - 1).key()) : null);
    Json.respond(ctx, 200, body);
  }

  private static ObjectNode shadowRef(ShadowRef shadow) {
    ObjectNode node = Json.object();
    node.put("id", shadow.shadowId());
    node.put("cutTime", shadow.cutTime().toString());
    node.put("snapshotId", shadow.snapshotId());
    return node;
  }

  private static Map<String, Object> project(Record record, List<String> columns) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (String c : columns) {
      row.put(c, record.getField(c));
    }
    return row;
  }

  private static void streamCsv(
      Context ctx,
      Table table,
      Long snapshotId,
      List<String> columns,
      List<RowFilter> filters,
      int limit)
      throws IOException {
    ctx.status(200).contentType("text/csv; charset=utf-8");
    ctx.header("X-Chrono-Row-Limit", Integer.toString(limit));
    Writer out =
        new BufferedWriter(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8));
    Csv.row(out, new ArrayList<>(columns));
    if (snapshotId != null) {
      long[] written = {0};
      new RowScan(table, snapshotId, columns, filters)
          .forEach(
              record -> {
                List<Object> values = new ArrayList<>(columns.size());
                columns.forEach(c -> values.add(record.getField(c)));
                Csv.row(out, values);
                return ++written[0] < limit;
              });
    }
    out.flush();
  }

  // ---- diff and history -------------------------------------------------------------------------

  private void diff(Context ctx) {
    String group = PolicyRoutes.group(ctx);
    ShadowTableName name = groups.tableName(group, ctx.pathParam("table"));
    String from = Params.required(ctx, "from", "shadow-" + group + "-20260101T100000.000Z");
    String to = Params.required(ctx, "to", "shadow-" + group + "-20260101T110000.000Z");
    int limit = Params.intIn(ctx, "limit", 100, 1, limits.maxPageSize());
    groups.shadowOn(name, from);
    groups.shadowOn(name, to);
    ShadowDiff diff = groups.reader().diff(name, from, to);
    long size = (long) diff.added().size() + diff.removed().size() + diff.changed().size();
    if (size > limits.maxDiffRows()) {
      throw ApiError.tooLarge(
          "to",
          "the diff has "
              + size
              + " changed keys, more than the "
              + limits.maxDiffRows()
              + " a diff may return; pick shadows closer together");
    }
    ObjectNode body = Json.object();
    body.put("group", group);
    body.put("table", name.table());
    body.put("from", diff.fromShadow());
    body.put("to", diff.toShadow());
    ObjectNode counts = body.putObject("counts");
    counts.put("added", diff.added().size());
    counts.put("removed", diff.removed().size());
    counts.put("changed", diff.changed().size());
    body.put(
        "truncated",
        Math.max(diff.added().size(), Math.max(diff.removed().size(), diff.changed().size()))
            > limit);
    ArrayNode added = body.putArray("added");
    diff.added().stream().limit(limit).forEach(r -> added.add(Json.row(r)));
    ArrayNode removed = body.putArray("removed");
    diff.removed().stream().limit(limit).forEach(r -> removed.add(Json.row(r)));
    ArrayNode changed = body.putArray("changed");
    diff.changed().stream()
        .limit(limit)
        .forEach(
            c -> {
              ObjectNode node = changed.addObject();
              node.set("before", Json.row(c.before()));
              node.set("after", Json.row(c.after()));
            });
    Json.respond(ctx, 200, body);
  }

  private void history(Context ctx) {
    String group = PolicyRoutes.group(ctx);
    ShadowTableName name = groups.tableName(group, ctx.pathParam("table"));
    Schema schema = groups.load(name).schema();
    List<String> keyColumns = IcebergSchemas.keyColumns(schema);
    Map<String, Object> key = new LinkedHashMap<>();
    for (String part : ctx.queryParams("key")) {
      int colon = part.indexOf(':');
      String column = colon < 0 ? part : part.substring(0, colon);
      if (colon < 0 || !keyColumns.contains(column)) {
        throw ApiError.badRequest(
            "key", "key '" + part + "' must be column:value with column one of " + keyColumns);
      }
      key.put(
          column, ColumnValues.parse(schema.findField(column), part.substring(colon + 1), "key"));
    }
    if (!key.keySet().equals(new LinkedHashSet<>(keyColumns))) {
      throw ApiError.badRequest(
          "key",
          "give one key=column:value for each key column "
              + keyColumns
              + " (got "
              + key.keySet()
              + ")");
    }
    List<KeyVersion> history = groups.reader().keyHistory(name, key);
    ObjectNode body = Json.object();
    body.put("group", group);
    body.put("table", name.table());
    body.set("key", Json.row(key));
    ArrayNode versions = body.putArray("versions");
    for (KeyVersion v : history) {
      ObjectNode node = versions.addObject();
      node.put("shadow", v.shadow().shadowId());
      node.put("cutTime", v.shadow().cutTime().toString());
      node.put("deleted", v.deleted());
      node.set("row", v.deleted() ? null : Json.row(v.row()));
    }
    Json.respond(ctx, 200, body);
  }
}

package io.chronoshadow.console.shadows;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chronoshadow.console.feed.ShadowAnnouncement;
import io.chronoshadow.console.feed.ShadowFeed;
import io.chronoshadow.console.feed.ShadowRequest;
import io.chronoshadow.console.http.ApiError;
import io.chronoshadow.console.http.ApiParam;
import io.chronoshadow.console.http.ApiRoute;
import io.chronoshadow.console.http.Json;
import io.chronoshadow.console.http.Params;
import io.chronoshadow.console.kafka.Producers;
import io.chronoshadow.console.policies.PolicyRoutes;
import io.chronoshadow.shadow.commit.ShadowSummary;
import io.chronoshadow.shadow.table.ShadowTableName;
import io.chronoshadow.shadow.topology.ManualRequests;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.iceberg.ContentFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.io.CloseableIterable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/v1/groups/{group}/shadows}: the shadows of a group (time range, pages), one shadow in
 * detail (tables, snapshots, tag, cut, stats, tier), "a shadow now" through the requests topic, and
 * pins.
 */
public final class ShadowRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(ShadowRoutes.class);
  static final String TAG = "shadows";
  private static final ApiParam GROUP = ApiParam.path("group", "shadow group, e.g. shop");
  private static final ApiParam SHADOW =
      ApiParam.path("shadow", "shadow id, e.g. shadow-shop-20260101T100000.000Z");

  private final GroupCatalog groups;
  private final ShadowFeed feed;
  private final PinStore pins;
  private final PinnedTags pinnedTags;
  private final StorageTiers tiers;
  private final Producers producers;
  private final String requestsTopic;
  private final int maxPageSize;

  public ShadowRoutes(
      GroupCatalog groups,
      Catalog catalog,
      ShadowFeed feed,
      PinStore pins,
      StorageTiers tiers,
      Producers producers,
      String requestsTopic,
      int maxPageSize) {
    this.groups = groups;
    this.feed = feed;
    this.pins = pins;
    this.pinnedTags = new PinnedTags(catalog);
    this.tiers = tiers;
    this.producers = producers;
    this.requestsTopic = requestsTopic;
    this.maxPageSize = maxPageSize;
  }

  public List<ApiRoute> routes() {
    return List.of(
        ApiRoute.get("/api/v1/groups")
            .tag(TAG)
            .summary("The shadow groups in the catalog, with their tables")
            .handle(this::groups),
        ApiRoute.get("/api/v1/groups/{group}/shadows")
            .tag(TAG)
            .summary("The group's shadows by cut time, optionally within [from, to]")
            .params(
                GROUP,
                ApiParam.queryTime("from", "earliest cut time, ISO-8601"),
                ApiParam.queryTime("to", "latest cut time, ISO-8601"),
                ApiParam.queryInt("limit", 1, maxPageSize, "page size (≤ " + maxPageSize + ")"),
                ApiParam.query("pageToken", "string", "nextPageToken of the previous page"))
            .handle(this::list),
        ApiRoute.get("/api/v1/groups/{group}/shadows/{shadow}")
            .tag(TAG)
            .summary("One shadow: tables, snapshot ids, tag, cut, stats, storage tier, pin")
            .params(GROUP, SHADOW)
            .handle(this::get),
        ApiRoute.post("/api/v1/groups/{group}/shadow-requests")
            .tag(TAG)
            .summary(
                "Request a shadow now (logged on the requests topic); poll the returned location")
            .params(GROUP)
            .status(202)
            .handle(this::request),
        ApiRoute.get("/api/v1/groups/{group}/shadow-requests/{request}")
            .tag(TAG)
            .summary(
                "State of a shadow request: pending, committed (with its shadow) or unchanged"
                    + " (nothing changed since the shadow named)")
            .params(GROUP, ApiParam.path("request", "request id returned by the POST"))
            .handle(this::requestState),
        ApiRoute.get("/api/v1/groups/{group}/pins")
            .tag(TAG)
            .summary("The group's pinned shadows")
            .params(GROUP)
            .handle(this::listPins),
        ApiRoute.put("/api/v1/groups/{group}/shadows/{shadow}/pin")
            .tag(TAG)
            .summary("Pin a shadow: no retention may ever remove it")
            .params(GROUP, SHADOW)
            .handle(this::pin),
        ApiRoute.delete("/api/v1/groups/{group}/shadows/{shadow}/pin")
            .tag(TAG)
            .summary("Unpin a shadow")
            .params(GROUP, SHADOW)
            .handle(this::unpin));
  }

  private void groups(Context ctx) {
    ArrayNode out = Json.array();
    for (String group : groups.groups()) {
      ObjectNode node = out.addObject();
      node.put("group", group);
      ArrayNode tables = node.putArray("tables");
      groups.tables(group).forEach(tables::add);
    }
    ObjectNode body = Json.object();
    body.set("groups", out);
    Json.respond(ctx, 200, body);
  }

  private void list(Context ctx) {
    String group = PolicyRoutes.group(ctx);
    Instant from = Params.instant(ctx, "from");
    Instant to = Params.instant(ctx, "to");
    if (from != null && to != null && from.isAfter(to)) {
      throw ApiError.badRequest("from", "from (" + from + ") is after to (" + to + ")");
    }
    int limit = Params.intIn(ctx, "limit", 100, 1, maxPageSize);
    String after = ctx.queryParam("pageToken");
    List<GroupShadow> all = groups.shadows(group);
    List<GroupShadow> selected = new ArrayList<>();
    boolean started = after == null || after.isBlank();
    if (!started && all.stream().noneMatch(s -> s.id().equals(after))) {
      throw ApiError.badRequest(
          "pageToken",
          "pageToken is not one this API issued for this group; pass nextPageToken unchanged");
    }
    for (GroupShadow s : all) {
      if (!started) {
        started = s.id().equals(after);
        continue;
      }
      if ((from == null || !s.cutTime().isBefore(from))
          && (to == null || !s.cutTime().isAfter(to))) {
        selected.add(s);
      }
    }
    boolean more = selected.size() > limit;
    List<GroupShadow> page = more ? selected.subList(0, limit) : selected;
    ObjectNode body = Json.object();
    body.put("group", group);
    ArrayNode out = body.putArray("shadows");
    for (GroupShadow s : page) {
      ObjectNode node = out.addObject();
      node.put("id", s.id());
      node.put("cutTime", s.cutTime().toString());
      ArrayNode tables = node.putArray("tables");
      s.snapshots().keySet().forEach(tables::add);
      node.put("pinned", pins.get(group, s.id()).isPresent());
    }
    body.put("nextPageToken", more ? page.get(page.size() - 1).id() : null);
    Json.respond(ctx, 200, body);
  }

  private void get(Context ctx) {
    String group = PolicyRoutes.group(ctx);
    GroupShadow shadow = groups.shadow(group, ctx.pathParam("shadow"));
    ObjectNode body = Json.object();
    body.put("id", shadow.id());
    body.put("group", group);
    body.put("cutTime", shadow.cutTime().toString());
    body.put("tag", shadow.id());
    body.put("pinned", pins.get(group, shadow.id()).isPresent());
    feed.shadow(shadow.id()).ifPresent(a -> body.set("announcement", announcement(a)));
    Map<String, Long> bytesByClass = new TreeMap<>();
    ArrayNode tables = body.putArray("tables");
    for (Map.Entry<String, Long> entry : shadow.snapshots().entrySet()) {
      Table table = groups.load(new ShadowTableName(group, entry.getKey()));
      tables.add(tableDetail(table, entry.getKey(), entry.getValue(), shadow.id(), bytesByClass));
    }
    ObjectNode storage = body.putObject("storage");
    long hot = 0;
    long cold = 0;
    ObjectNode byClass = storage.putObject("bytesByStorageClass");
    for (Map.Entry<String, Long> e : bytesByClass.entrySet()) {
      byClass.put(e.getKey(), e.getValue());
      if (StorageTiers.isHot(e.getKey())) {
        hot += e.getValue();
      } else {
        cold += e.getValue();
      }
    }
    storage.put("hotBytes", hot);
    storage.put("coldBytes", cold);
    storage.put("tier", cold == 0 ? "hot" : hot == 0 ? "cold" : "mixed");
    Json.respond(ctx, 200, body);
  }

  private ObjectNode tableDetail(
      Table table, String name, long snapshotId, String shadowId, Map<String, Long> bytesByClass) {
    Snapshot snapshot = table.snapshot(snapshotId);
    ObjectNode node = Json.object();
    node.put("table", name);
    node.put("snapshotId", snapshotId);
    boolean own = ShadowSummary.shadowId(snapshot).orElse("").equals(shadowId);
    // A table the shadow did not change is tagged on an earlier shadow's snapshot.
    node.put("changedInShadow", own);
    ShadowSummary.shadowId(snapshot).ifPresent(id -> node.put("snapshotShadowId", id));
    ShadowSummary.sequence(snapshot).ifPresent(s -> node.put("snapshotSequence", s));
    node.put("committedAt", Instant.ofEpochMilli(snapshot.timestampMillis()).toString());
    ObjectNode stats = node.putObject("stats");
    Map<String, String> summary = snapshot.summary();
    for (String key :
        List.of(
            "added-records",
            "added-equality-deletes",
            "added-data-files",
            "added-delete-files",
            "added-files-size",
            "total-records",
            "total-equality-deletes",
            "total-data-files",
            "total-delete-files",
            "total-files-size")) {
      if (summary.containsKey(key)) {
        stats.put(key, Long.parseLong(summary.get(key)));
      }
    }
    ObjectNode offsets = node.putObject("sourceOffsets");
    ShadowSummary.offsets(snapshot).forEach(offsets::put);
    Map<String, StorageTiers.StoredObject> stored = tiers.objects(table.location());
    try (CloseableIterable<FileScanTask> tasks =
        table.newScan().useSnapshot(snapshotId).planFiles()) {
      for (FileScanTask task : tasks) {
        account(task.file(), stored, bytesByClass);
        for (DeleteFile delete : task.deletes()) {
          account(delete, stored, bytesByClass);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return node;
  }

  private static void account(
      ContentFile<?> file,
      Map<String, StorageTiers.StoredObject> stored,
      Map<String, Long> bytesByClass) {
    StorageTiers.StoredObject o = stored.get(file.location());
    String storageClass = o == null || o.storageClass() == null ? "STANDARD" : o.storageClass();
    bytesByClass.merge(storageClass, file.fileSizeInBytes(), Long::sum);
  }

  static ObjectNode announcement(ShadowAnnouncement a) {
    ObjectNode node = Json.object();
    node.put("sequence", a.sequence());
    node.put("trigger", a.trigger());
    node.put("transactionCount", a.transactionCount());
    node.put("changeCount", a.changeCount());
    node.put("commitMillis", a.commitMillis());
    ArrayNode changed = node.putArray("changedTables");
    a.tables().forEach(changed::add);
    ArrayNode requests = node.putArray("requestIds");
    a.requestIds().forEach(requests::add);
    return node;
  }

  // ---- requests ---------------------------------------------------------------------------------

  private void request(Context ctx) {
    String group = PolicyRoutes.group(ctx);
    groups.tables(group);
    String requestId = "r-" + UUID.randomUUID();
    Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    producers.send(requestsTopic, group, ManualRequests.toJson(group, requestId, at));
    feed.requested(new ShadowRequest(group, requestId, at));
    LOG.info("shadow of group {} requested at {} ({})", group, at, requestId);
    String location = "/api/v1/groups/" + group + "/shadow-requests/" + requestId;
    ctx.header("Location", location);
    ObjectNode body = Json.object();
    body.put("requestId", requestId);
    body.put("group", group);
    body.put("requestedAt", at.toString());
    body.put("status", "pending");
    body.put("location", location);
    Json.respond(ctx, 202, body);
  }

  private void requestState(Context ctx) {
    String group = PolicyRoutes.group(ctx);
    String requestId = ctx.pathParam("request");
    ShadowRequest request =
        feed.request(requestId)
            .filter(r -> r.group().equals(group))
            .orElseThrow(
                () ->
                    ApiError.notFound(
                        "request_not_found",
                        "group " + group + " has no shadow request " + requestId));
    ObjectNode body = Json.object();
    body.put("requestId", requestId);
    body.put("group", group);
    body.put("requestedAt", request.requestedAt().toString());
    var committed = feed.shadowForRequest(requestId);
    if (committed.isPresent()) {
      body.put("status", "committed");
      body.put("shadowId", committed.get().shadowId());
    } else if (feed.latest(group)
        .filter(a -> !a.cutTime().isBefore(request.requestedAt()))
        .isPresent()) {
      // The planner has passed the requested time without a cut for it: nothing had changed since
      // the latest shadow at or before it, which therefore already shows the state then.
      GroupShadow asOf = groups.shadowAsOf(group, request.requestedAt());
      body.put("status", "unchanged");
      body.put("shadowId", asOf == null ? null : asOf.id());
    } else {
      body.put("status", "pending");
    }
    Json.respond(ctx, 200, body);
  }

  // ---- pins -------------------------------------------------------------------------------------

  private void listPins(Context ctx) {
    String group = PolicyRoutes.group(ctx);
    groups.tables(group);
    ArrayNode out = Json.array();
    for (PinStore.Pin pin : pins.list(group)) {
      out.addObject().put("shadowId", pin.shadowId()).put("pinnedAt", pin.pinnedAt().toString());
    }
    ObjectNode body = Json.object();
    body.put("group", group);
    body.set("pins", out);
    Json.respond(ctx, 200, body);
  }

  private void pin(Context ctx) {
    String group = PolicyRoutes.group(ctx);
    GroupShadow shadow = groups.shadow(group, ctx.pathParam("shadow"));
    PinStore.Pin pin = pins.pin(group, shadow.id());
    pinnedTags.pin(group, shadow);
    ObjectNode body = Json.object();
    body.put("group", group);
    body.put("shadowId", shadow.id());
    body.put("pinned", true);
    body.put("pinnedAt", pin.pinnedAt().toString());
    Json.respond(ctx, 200, body);
  }

  private void unpin(Context ctx) {
    String group = PolicyRoutes.group(ctx);
    GroupShadow shadow = groups.shadow(group, ctx.pathParam("shadow"));
    if (pins.get(group, shadow.id()).isEmpty()) {
      throw ApiError.notFound("pin_not_found", "shadow " + shadow.id() + " is not pinned");
    }
    pins.unpin(group, shadow.id());
    pinnedTags.unpin(group, shadow);
    ctx.status(204);
  }

  /** For tests: whether Iceberg holds the shadow's tags forever. */
  public boolean tagsPinned(String group, String shadowId) {
    return pinnedTags.isPinned(group, groups.shadow(group, shadowId));
  }
}

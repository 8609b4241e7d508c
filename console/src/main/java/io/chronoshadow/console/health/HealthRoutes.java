package io.chronoshadow.console.health;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chronoshadow.console.feed.DeadLetter;
import io.chronoshadow.console.feed.ShadowAnnouncement;
import io.chronoshadow.console.feed.ShadowFeed;
import io.chronoshadow.console.http.Access;
import io.chronoshadow.console.http.ApiParam;
import io.chronoshadow.console.http.ApiRoute;
import io.chronoshadow.console.http.Json;
import io.chronoshadow.console.policies.PolicyRoutes;
import io.chronoshadow.console.shadows.GroupCatalog;
import io.chronoshadow.console.shadows.GroupShadow;
import io.chronoshadow.console.shadows.StorageTiers;
import io.chronoshadow.shadow.app.ShadowHealth;
import io.chronoshadow.shadow.app.ShadowStreamsApp;
import io.chronoshadow.shadow.table.ShadowTableName;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.Table;

/**
 * {@code /health/live}, {@code /health/ready} and per-group health: lag from source commit to
 * shadow, age of the last shadow, commit latency, dead letters and the last errors, stopped tables
 * and why, bytes per storage tier, and the state of the group's topology when it runs in this
 * process.
 */
public final class HealthRoutes {

  static final String TAG = "health";

  private final GroupCatalog groups;
  private final ShadowFeed feed;
  private final StorageTiers tiers;
  private final Map<String, ShadowStreamsApp> localTopologies;
  private final String dlqTopic;
  private final List<Readiness> checks;

  public HealthRoutes(
      GroupCatalog groups,
      ShadowFeed feed,
      StorageTiers tiers,
      Map<String, ShadowStreamsApp> localTopologies,
      String dlqTopic,
      List<Readiness> checks) {
    this.groups = groups;
    this.feed = feed;
    this.tiers = tiers;
    this.localTopologies = Map.copyOf(localTopologies);
    this.dlqTopic = dlqTopic;
    this.checks = List.copyOf(checks);
  }

  public List<ApiRoute> routes() {
    return List.of(
        ApiRoute.get("/health/live")
            .tag(TAG)
            .summary("The process is up and serving")
            .access(Access.PUBLIC)
            .handle(ctx -> Json.respond(ctx, 200, Json.object().put("status", "up"))),
        ApiRoute.get("/health/ready")
            .tag(TAG)
            .summary(
                "Ready when the console has read its topics, the catalog answers and the"
                    + " topologies in this process run (503 otherwise, saying which check fails)")
            .access(Access.PUBLIC)
            .handle(this::ready),
        ApiRoute.get("/api/v1/groups/{group}/health")
            .tag(TAG)
            .summary(
                "A group's health: lag, last shadow age, commit latency, dead letters, last"
                    + " errors, stopped tables, bytes per tier")
            .params(ApiParam.path("group", "shadow group, e.g. shop"))
            .handle(this::group));
  }

  private void ready(Context ctx) {
    ObjectNode body = Json.object();
    ObjectNode results = body.putObject("checks");
    boolean ready = true;
    for (Readiness check : checks) {
      String problem;
      try {
        problem = check.problem().get();
      } catch (RuntimeException e) {
        problem = e.getClass().getSimpleName() + ": " + e.getMessage();
      }
      results.put(check.name(), problem == null ? "ok" : problem);
      ready &= problem == null;
    }
    body.put("status", ready ? "ready" : "not_ready");
    Json.respond(ctx, ready ? 200 : 503, body);
  }

  private void group(Context ctx) {
    String group = PolicyRoutes.group(ctx);
    List<String> tables = groups.tables(group);
    Instant now = Instant.now();
    ObjectNode body = Json.object();
    body.put("group", group);
    List<String> problems = new ArrayList<>();

    List<GroupShadow> shadows = groups.shadows(group);
    // What the shadows topic says reaches every console; a topology in this process knows more
    // (which transaction, and before its next shadow is committed).
    long lateInShadows =
        feed.shadows(group).stream().mapToLong(ShadowAnnouncement::lateTransactions).sum();
    body.put("lateTransactions", lateInShadows);
    ShadowStreamsApp local = localTopologies.get(group);
    if (local == null && lateInShadows > 0) {
      problems.add(
          lateInShadows
              + " transaction(s) arrived after the shadow their commit time belongs to was cut"
              + " (see lateTransactions on the shadows topic)");
    }
    if (local != null) {
      ShadowHealth h = local.health();
      ObjectNode topology = body.putObject("topology");
      topology.put("state", h.state());
      topology.put("inputLagRecords", h.lag());
      topology.put("shadowsCommittedByThisProcess", h.shadowsCommitted());
      topology.put("duplicateEvents", h.duplicateEvents());
      topology.put("lateTransactions", h.lateTransactions());
      h.lateProblem()
          .ifPresent(
              late -> {
                topology.put("lastLateTransaction", late);
                problems.add(late);
              });
      // An outage of the object store, catalog, registry or broker: shadows wait for it.
      problems.addAll(h.dependencyProblems());
      if (!h.state().equals("RUNNING") && !h.state().equals("REBALANCING")) {
        problems.add("topology is " + h.state());
      }
    }

    body.put("shadowCount", shadows.size());
    if (!shadows.isEmpty()) {
      GroupShadow last = shadows.get(shadows.size() - 1);
      ObjectNode node = body.putObject("lastShadow");
      node.put("id", last.id());
      node.put("cutTime", last.cutTime().toString());
      node.put("ageMillis", Duration.between(last.cutTime(), now).toMillis());
      Instant committed = committedAt(group, last);
      if (committed != null) {
        node.put("committedAt", committed.toString());
        // The newest transaction in a shadow committed just before its cut: cut → visible is
        // the lag from source commit to shadow.
        node.put("lagMillis", Duration.between(last.cutTime(), committed).toMillis());
      }
    }

    List<Long> latencies = feed.commitMillis(group);
    ObjectNode latency = body.putObject("commitLatencyMillis");
    latency.put("window", latencies.size());
    if (!latencies.isEmpty()) {
      List<Long> sorted = latencies.stream().sorted().toList();
      latency.put("last", latencies.get(latencies.size() - 1));
      latency.put("p50", percentile(sorted, 0.50));
      latency.put("p99", percentile(sorted, 0.99));
      latency.put("max", sorted.get(sorted.size() - 1));
    }

    ObjectNode dead = body.putObject("deadLetters");
    dead.put("topic", dlqTopic);
    Map<String, Long> byReason = new TreeMap<>(feed.deadLettersByReason());
    dead.put("total", byReason.values().stream().mapToLong(Long::longValue).sum());
    ObjectNode reasons = dead.putObject("byReason");
    byReason.forEach(reasons::put);
    ArrayNode errors = dead.putArray("lastErrors");
    for (DeadLetter d : feed.lastErrors()) {
      errors
          .addObject()
          .put("reason", d.reason())
          .put("detail", d.detail())
          .put("topic", d.topic())
          .put("partition", d.partition())
          .put("offset", d.offset())
          .put("time", d.time().toString());
    }

    ArrayNode stopped = body.putArray("stoppedTables");
    for (Map.Entry<String, DeadLetter> e : feed.stoppedTopics().entrySet()) {
      stopped.addObject().put("changeTopic", e.getKey()).put("reason", e.getValue().detail());
      problems.add("table of " + e.getKey() + " is stopped");
    }

    ObjectNode storage = body.putObject("storage");
    long hot = 0;
    long cold = 0;
    long objects = 0;
    Map<String, Long> byClass = new TreeMap<>();
    for (String table : tables) {
      Table t = groups.load(new ShadowTableName(group, table));
      for (StorageTiers.StoredObject o : tiers.objects(t.location()).values()) {
        objects++;
        byClass.merge(
            o.storageClass() == null ? "STANDARD" : o.storageClass(), o.size(), Long::sum);
        if (o.tier().equals("hot")) {
          hot += o.size();
        } else {
          cold += o.size();
        }
      }
    }
    storage.put("hotBytes", hot);
    storage.put("coldBytes", cold);
    storage.put("objects", objects);
    ObjectNode classes = storage.putObject("bytesByStorageClass");
    byClass.forEach(classes::put);

    body.put("status", problems.isEmpty() ? "ok" : "degraded");
    ArrayNode why = body.putArray("problems");
    problems.forEach(why::add);
    Json.respond(ctx, 200, body);
  }

  private Instant committedAt(String group, GroupShadow shadow) {
    for (Map.Entry<String, Long> e : shadow.snapshots().entrySet()) {
      Table table = groups.load(new ShadowTableName(group, e.getKey()));
      Instant at = GroupCatalog.committedAt(table, e.getValue(), shadow.id());
      if (at != null) {
        return at;
      }
    }
    return null;
  }

  static long percentile(List<Long> sorted, double q) {
    int index = (int) Math.ceil(q * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }
}

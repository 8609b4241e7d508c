package io.chronoshadow.console.policies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chronoshadow.console.http.ApiError;
import io.chronoshadow.console.http.ApiParam;
import io.chronoshadow.console.http.ApiRoute;
import io.chronoshadow.console.http.Json;
import io.chronoshadow.schemas.contract.GroupNames;
import io.chronoshadow.shadow.policy.GroupPolicy;
import io.chronoshadow.shadow.policy.PolicyCodec;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code /api/v1/policies}: the bucket policy of each shadow group. Bodies are the topology's own
 * wire form, decoded by {@link PolicyCodec}, so the rules and the messages are the topology's.
 */
public final class PolicyRoutes {

  static final String TAG = "policies";
  private static final ApiParam GROUP = ApiParam.path("group", "shadow group, e.g. shop");

  private final PolicyStore store;

  public PolicyRoutes(PolicyStore store) {
    this.store = store;
  }

  public List<ApiRoute> routes() {
    return List.of(
        ApiRoute.get("/api/v1/policies")
            .tag(TAG)
            .summary("Every group's policy set through the API or the policies topic")
            .handle(this::list),
        ApiRoute.get("/api/v1/policies/{group}")
            .tag(TAG)
            .summary("One group's policy")
            .params(GROUP)
            .handle(this::get),
        ApiRoute.post("/api/v1/policies")
            .tag(TAG)
            .summary("Set the policy of a group that has none (409 if it has one)")
            .body("GroupPolicy")
            .handle(this::create),
        ApiRoute.put("/api/v1/policies/{group}")
            .tag(TAG)
            .summary(
                "Create or replace a group's policy; the running topology applies it from its"
                    + " next cut")
            .params(GROUP)
            .body("Policy")
            .handle(this::update),
        ApiRoute.delete("/api/v1/policies/{group}")
            .tag(TAG)
            .summary(
                "Delete a group's policy (a tombstone): the topology returns to the policy it was"
                    + " started with, from its next cut")
            .params(GROUP)
            .handle(this::delete));
  }

  private void list(Context ctx) {
    ArrayNode out = Json.array();
    store.list().forEach(p -> out.add(PolicyCodec.toTree(p)));
    ObjectNode body = Json.object();
    body.set("policies", out);
    Json.respond(ctx, 200, body);
  }

  private void get(Context ctx) {
    String group = group(ctx);
    Json.respond(ctx, 200, PolicyCodec.toTree(existing(group)));
  }

  private void create(Context ctx) {
    GroupPolicy policy = PolicyCodec.fromTree(Json.body(ctx));
    if (store.get(policy.group()).isPresent()) {
      throw ApiError.conflict(
          "policy_exists",
          "group "
              + policy.group()
              + " already has a policy; PUT /api/v1/policies/"
              + policy.group()
              + " replaces it");
    }
    store.put(policy);
    ctx.header("Location", "/api/v1/policies/" + policy.group());
    Json.respond(ctx, 201, PolicyCodec.toTree(policy));
  }

  private void update(Context ctx) {
    String group = group(ctx);
    JsonNode body = Json.body(ctx);
    if (body.isObject() && body.has("group")) {
      JsonNode named = body.get("group");
      if (!named.isTextual() || !named.asText().equals(group)) {
        throw ApiError.badRequest(
            "group",
            "group in the body ("
                + named
                + ") differs from the path ("
                + group
                + "); omit it or make them equal");
      }
      ((ObjectNode) body).remove("group");
    }
    boolean created = store.get(group).isEmpty();
    GroupPolicy policy = new GroupPolicy(group, PolicyCodec.policyFromTree(body));
    store.put(policy);
    Json.respond(ctx, created ? 201 : 200, PolicyCodec.toTree(policy));
  }

  private void delete(Context ctx) {
    String group = group(ctx);
    existing(group);
    store.delete(group);
    ctx.status(204);
  }

  private GroupPolicy existing(String group) {
    return store
        .get(group)
        .orElseThrow(
            () ->
                ApiError.notFound(
                    "policy_not_found",
                    "group "
                        + group
                        + " has no policy set through the API; its topology uses the policy it"
                        + " was started with"));
  }

  /** The path's group name, checked with the topology's own naming rule. */
  public static String group(Context ctx) {
    String group = ctx.pathParam("group");
    GroupNames.problem(group)
        .ifPresent(
            p -> {
              throw ApiError.badRequest("group", "group " + p);
            });
    return group;
  }
}

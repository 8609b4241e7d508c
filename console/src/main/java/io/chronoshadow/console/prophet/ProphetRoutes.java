package io.chronoshadow.console.prophet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chronoshadow.console.http.ApiError;
import io.chronoshadow.console.http.ApiParam;
import io.chronoshadow.console.http.ApiRoute;
import io.chronoshadow.console.http.Json;
import io.chronoshadow.console.http.Params;
import io.chronoshadow.console.policies.PolicyRoutes;
import io.chronoshadow.prophet.app.ProphetStreamsApp;
import io.chronoshadow.prophet.causal.EffectEstimate;
import io.chronoshadow.prophet.causal.ImpactEstimate;
import io.chronoshadow.prophet.causal.PointEffect;
import io.chronoshadow.prophet.learn.LearnedBacktest;
import io.chronoshadow.prophet.learn.LearnedModels;
import io.chronoshadow.prophet.learn.ModelVersion;
import io.chronoshadow.prophet.learn.TrainingService;
import io.chronoshadow.prophet.model.ModelKind;
import io.chronoshadow.prophet.predict.GroupForecast;
import io.chronoshadow.prophet.predict.SeriesForecast;
import io.chronoshadow.prophet.query.GrangerPair;
import io.chronoshadow.prophet.query.GrangerReport;
import io.chronoshadow.prophet.query.ProphetQueries;
import io.chronoshadow.prophet.query.StoredSeries;
import io.chronoshadow.prophet.query.WatchedSeries;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * The Prophet over HTTP: the series of a group and which it alarms on, the future state of a group
 * (every metric of every table at a horizon, a time or a shadow), Granger causality between a
 * group's series, the impact of an intervention, and the learned models (versions, backtests, which
 * serves each series; trigger a training run). They answer from the prophet topology running in
 * this process; without one, 503 says so.
 */
public final class ProphetRoutes {

  static final String TAG = "prophet";
  private static final List<String> MODELS =
      List.of("auto", "snaive", "hw", "hw-damped", "hw-robust", "hw-damped-robust");

  private final Supplier<Optional<ProphetQueries>> queries;
  private final Supplier<Optional<LearnedModels>> learned;
  private final Supplier<List<ModelVersion>> versions;
  private final int maxForecastSteps;

  /**
   * @param queries the prophet's queries (empty: no prophet in this process)
   * @param learned its learned models (empty: not enabled)
   * @param versions the model registry's records (read on demand)
   * @param maxForecastSteps most analysis steps a forecast may reach ahead of a series
   */
  public ProphetRoutes(
      Supplier<Optional<ProphetQueries>> queries,
      Supplier<Optional<LearnedModels>> learned,
      Supplier<List<ModelVersion>> versions,
      int maxForecastSteps) {
    this.queries = queries;
    this.learned = learned;
    this.versions = versions;
    this.maxForecastSteps = maxForecastSteps;
  }

  /** The routes of the prophet topology running in this process ({@code null}: none). */
  public static ProphetRoutes of(
      ProphetStreamsApp app, Supplier<List<ModelVersion>> versions, int maxForecastSteps) {
    return new ProphetRoutes(
        () -> {
          if (app == null) {
            return Optional.empty();
          }
          try {
            return Optional.of(app.queries());
          } catch (InvalidStateStoreException e) {
            throw new ApiError(
                503,
                "prophet_not_ready",
                "the prophet's stores are being restored; retry shortly",
                null);
          }
        },
        () -> app == null ? Optional.empty() : app.learned(),
        versions,
        maxForecastSteps);
  }

  public List<ApiRoute> routes() {
    ApiParam group = ApiParam.path("group", "shadow group, e.g. shop");
    ApiParam level =
        ApiParam.query("level", "number", "interval probability in (0, 1) [0.8]").maxLength(32);
    ApiParam model =
        ApiParam.queryEnum("model", MODELS, "statistical model [auto: each series' own choice]");
    return List.of(
        ApiRoute.get("/api/v1/groups/{group}/forecast")
            .tag(TAG)
            .summary(
                "predictFutureState: every metric of every table of the group at a horizon, a time"
                    + " or a shadow, with p10/p50/p90 and an interval")
            .params(
                group,
                ApiParam.query(
                        "horizon",
                        "string",
                        "e.g. PT10M or 10m, after the last step; at most "
                            + maxForecastSteps
                            + " analysis steps of each series ahead")
                    .maxLength(64),
                ApiParam.queryTime(
                    "at",
                    "the time to forecast (instead of horizon); at most "
                        + maxForecastSteps
                        + " steps after each series' last step"),
                ApiParam.query(
                        "shadow",
                        "string",
                        "a shadow id whose time to forecast; at most "
                            + maxForecastSteps
                            + " steps ahead")
                    .maxLength(128),
                model,
                level)
            .expensive()
            .handle(this::forecast),
        ApiRoute.get("/api/v1/groups/{group}/series")
            .tag(TAG)
            .summary(
                "Every series of the group: whether the prophet alarms on it (watched) and why")
            .params(group)
            .handle(this::series),
        ApiRoute.get("/api/v1/groups/{group}/granger")
            .tag(TAG)
            .summary("Granger causality between the group's series: which leads which, p-values")
            .params(group, ApiParam.queryInt("maxLag", 1, 48, "lags 1..maxLag tested [4]"))
            .expensive()
            .handle(this::granger),
        ApiRoute.get("/api/v1/groups/{group}/impact")
            .tag(TAG)
            .summary(
                "Intervention impact: counterfactual from before the time, effect with an"
                    + " interval")
            .params(
                group,
                ApiParam.query("series", "string", "series id, e.g. shop/shop.orders/rows"),
                ApiParam.queryTime("at", "when the intervention happened"),
                model,
                level)
            .expensive()
            .handle(this::impact),
        ApiRoute.get("/api/v1/models")
            .tag(TAG)
            .summary(
                "Learned model versions (network, training, backtests) and which serves each"
                    + " series")
            .handle(this::models),
        ApiRoute.post("/api/v1/groups/{group}/models/training")
            .tag(TAG)
            .summary("Trains the group's learned models now, in the background (202)")
            .params(group)
            .status(202)
            .handle(this::train));
  }

  private ProphetQueries queries() {
    return queries
        .get()
        .orElseThrow(
            () ->
                new ApiError(
                    503,
                    "prophet_unavailable",
                    "no prophet topology runs in this console's process",
                    null));
  }

  private static double level(Context ctx) {
    String text = ctx.queryParam("level");
    if (text == null || text.isBlank()) {
      return 0.8;
    }
    try {
      double v = Double.parseDouble(text.trim());
      if (v > 0 && v < 1) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiError.badRequest("level", "level must be a number strictly between 0 and 1");
  }

  private static Optional<ModelKind> model(Context ctx) {
    return ModelKind.fromName(Params.oneOf(ctx, "model", MODELS, "auto"));
  }

  private void forecast(Context ctx) {
    String group = PolicyRoutes.group(ctx);
    double level = level(ctx);
    Optional<ModelKind> model = model(ctx);
    String horizon = present(ctx.queryParam("horizon"));
    Instant at = Params.instant(ctx, "at");
    String shadow = present(ctx.queryParam("shadow"));
    int given = (horizon == null ? 0 : 1) + (at == null ? 0 : 1) + (shadow == null ? 0 : 1);
    if (given != 1) {
      throw ApiError.badRequest(
          "horizon", "give exactly one of horizon (e.g. 10m), at (an instant) or shadow (an id)");
    }
    Duration ahead =
        horizon == null ? null : Params.duration("horizon", horizon, Params.MAX_DURATION);
    Instant shadowTime = shadow == null ? null : shadowTime(group, shadow);
    ProphetQueries q = queries();
    Map<String, StoredSeries> stored = q.series(group);
    if (stored.isEmpty()) {
      throw unknownGroup(group);
    }
    Instant target =
        ahead != null
            ? ForecastReach.lastStep(stored.values()).plus(ahead)
            : at != null ? at : shadowTime;
    String field = ahead != null ? "horizon" : at != null ? "at" : "shadow";
    ForecastReach.check(stored.values(), target, maxForecastSteps, field);
    GroupForecast f;
    try {
      f = q.predictFutureState(group, target, model, level);
    } catch (java.util.NoSuchElementException e) {
      throw unknownGroup(group);
    }
    ObjectNode body = Json.object();
    body.put("group", f.group());
    body.put("at", f.at().toString());
    body.put("level", f.level());
    ArrayNode series = body.putArray("series");
    for (SeriesForecast s : f.series()) {
      series
          .addObject()
          .put("series", s.seriesId())
          .put("target", s.target().toString())
          .put("stepsAhead", s.horizonSteps())
          .put("point", s.point())
          .put("p10", s.p10())
          .put("p50", s.p50())
          .put("p90", s.p90())
          .put("lower", s.lower())
          .put("upper", s.upper());
    }
    Json.respond(ctx, 200, body);
  }

  private static ApiError unknownGroup(String group) {
    return ApiError.notFound("unknown_group", "the prophet has no series of group " + group);
  }

  private static String present(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }

  private static Instant shadowTime(String group, String shadow) {
    try {
      return Params.inWindow("shadow", ProphetQueries.shadowTime(group, shadow));
    } catch (IllegalArgumentException | java.time.DateTimeException e) {
      throw ApiError.badRequest("shadow", e.getMessage());
    }
  }

  private void series(Context ctx) {
    String group = PolicyRoutes.group(ctx);
    List<WatchedSeries> all = queries().watched(group);
    if (all.isEmpty()) {
      throw unknownGroup(group);
    }
    ObjectNode body = Json.object();
    body.put("group", group);
    body.put("watched", all.stream().filter(WatchedSeries::watched).count());
    ArrayNode list = body.putArray("series");
    for (WatchedSeries w : all) {
      ObjectNode item =
          list.addObject()
              .put("series", w.id())
              .put("table", w.table())
              .put("metric", w.metric())
              .put("watched", w.watched())
              .put("reason", w.reason())
              .put("shadows", w.shadows())
              .put("scoredSteps", w.coverage().scored());
      // Out-of-sample coverage of the one-step intervals; null until the series has been scored.
      if (w.coverage().scored() == 0) {
        item.putNull("coverage80").putNull("coverage95");
      } else {
        item.put("coverage80", w.coverage().coverage80())
            .put("coverage95", w.coverage().coverage95());
      }
    }
    Json.respond(ctx, 200, body);
  }

  private void granger(Context ctx) {
    String group = PolicyRoutes.group(ctx);
    int maxLag = Params.intIn(ctx, "maxLag", 4, 1, 48);
    GrangerReport r;
    try {
      r = queries().granger(group, maxLag);
    } catch (java.util.NoSuchElementException e) {
      throw unknownGroup(group);
    }
    ObjectNode body = Json.object();
    body.put("group", r.group());
    body.put("maxLag", r.maxLag());
    ArrayNode pairs = body.putArray("pairs");
    for (GrangerPair p : r.pairs()) {
      pairs
          .addObject()
          .put("cause", p.cause())
          .put("effect", p.effect())
          .put("lag", p.lag())
          .put("f", p.fStatistic())
          .put("pValue", p.pValue());
    }
    ObjectNode skipped = body.putObject("skipped");
    r.skipped().forEach(skipped::put);
    Json.respond(ctx, 200, body);
  }

  private void impact(Context ctx) {
    String group = PolicyRoutes.group(ctx);
    String series = Params.required(ctx, "series", group + "/shop.orders/rows");
    Instant at = Params.instant(ctx, "at");
    if (at == null) {
      throw ApiError.badRequest("at", "at is required, e.g. at=2026-01-01T10:00:00Z");
    }
    ImpactEstimate e;
    try {
      e = queries().interventionImpact(group, series, at, model(ctx), level(ctx));
    } catch (java.util.NoSuchElementException missing) {
      throw unknownGroup(group);
    }
    ObjectNode body = Json.object();
    body.put("series", series);
    body.put("at", at.toString());
    body.put("model", e.model());
    body.put("level", e.level());
    effect(body.putObject("cumulative"), e.cumulative());
    effect(body.putObject("average"), e.average());
    ArrayNode points = body.putArray("points");
    for (PointEffect p : e.points()) {
      ObjectNode point =
          points
              .addObject()
              .put("time", p.time().toString())
              .put("observed", p.observed())
              .put("counterfactual", p.counterfactual())
              .put("counterfactualLower", p.counterfactualLower())
              .put("counterfactualUpper", p.counterfactualUpper());
      effect(point.putObject("effect"), p.effect());
    }
    Json.respond(ctx, 200, body);
  }

  private static void effect(ObjectNode node, EffectEstimate e) {
    node.put("estimate", e.estimate()).put("lower", e.lower()).put("upper", e.upper());
    node.put("significant", e.isSignificant());
  }

  private void models(Context ctx) {
    Map<String, String> serving =
        learned.get().map(l -> l.serving().assignments()).orElse(Map.of());
    ObjectNode body = Json.object();
    ArrayNode list = body.putArray("versions");
    for (ModelVersion v : versions.get()) {
      ObjectNode node = list.addObject();
      node.put("id", v.id())
          .put("group", v.group())
          .put("architecture", v.architecture().label())
          .put("version", v.version())
          .put("createdAt", v.createdAt().toString())
          .put("reason", v.reason())
          .put("network", v.network())
          .put("trainedSteps", v.trainedSteps())
          .put("epochs", v.epochs())
          .put("millisPerEpoch", v.millisPerEpoch())
          .put("location", v.location());
      ArrayNode backtests = node.putArray("backtests");
      for (LearnedBacktest.Result r : v.backtests()) {
        backtests
            .addObject()
            .put("series", r.seriesId())
            .put("learnedMase", r.learnedMase())
            .put("statisticalModel", r.statisticalModel())
            .put("statisticalMase", r.statisticalMase())
            .put("learnedWins", r.learnedWins());
      }
      ArrayNode served = node.putArray("servedSeries");
      v.servedSeries().forEach(served::add);
    }
    ObjectNode bySeries = body.putObject("serving");
    serving.forEach(bySeries::put);
    Json.respond(ctx, 200, body);
  }

  private void train(Context ctx) {
    String group = PolicyRoutes.group(ctx);
    LearnedModels models =
        learned
            .get()
            .orElseThrow(
                () ->
                    new ApiError(
                        409,
                        "learning_disabled",
                        "learned models are not enabled in this process"
                            + " (chrono.prophet.learning.enabled)",
                        null));
    Optional<java.util.concurrent.CompletableFuture<TrainingService.Outcome>> run =
        models.requestTraining(group, "requested over REST");
    if (run.isEmpty()) {
      throw ApiError.conflict(
          "not_enough_history",
          "no series of group "
              + group
              + " has the "
              + models.minHistorySteps()
              + " analysis steps of history a training run needs yet");
    }
    ObjectNode body = Json.object();
    body.put("group", group);
    body.put("status", "training");
    body.put("minHistorySteps", models.minHistorySteps());
    Json.respond(ctx, 202, body);
  }
}

package io.chronoshadow.console.prophet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chronoshadow.console.auth.BearerAuth;
import io.chronoshadow.console.http.ConsoleServer;
import io.chronoshadow.console.metrics.ConsoleMetrics;
import io.chronoshadow.prophet.causal.ImpactEstimate;
import io.chronoshadow.prophet.engine.AnalysisSettings;
import io.chronoshadow.prophet.engine.MapSeriesStore;
import io.chronoshadow.prophet.engine.ProphetEngine;
import io.chronoshadow.prophet.features.ColumnFigures;
import io.chronoshadow.prophet.features.MetricSample;
import io.chronoshadow.prophet.features.SeriesKey;
import io.chronoshadow.prophet.features.TableStats;
import io.chronoshadow.prophet.features.WatchRules;
import io.chronoshadow.prophet.predict.GroupForecast;
import io.chronoshadow.prophet.predict.SeriesForecast;
import io.chronoshadow.prophet.query.GrangerReport;
import io.chronoshadow.prophet.query.ProphetQueries;
import io.chronoshadow.prophet.series.MetricKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Prophet routes over real HTTP, answered by a real {@link ProphetQueries} over an engine fed
 * 120 shadows of statistics: each answer equals what the Java API says for the same question.
 */
class ProphetRoutesTest {

  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  static final Duration STEP = Duration.ofSeconds(10);
  static final String ORDERS = "shop/shop.orders/rows";
  static final ObjectMapper JSON = new ObjectMapper();
  static final int MAX_STEPS = 100;

  static ProphetQueries queries;
  static ConsoleServer server;
  static HttpClient http = HttpClient.newHttpClient();
  static Instant lastCut;

  static final AnalysisSettings SETTINGS =
      new AnalysisSettings(
          STEP,
          Map.of(),
          3,
          6,
          0.8,
          500,
          1,
          30,
          "hw-damped",
          false,
          true,
          Pattern.compile("id"),
          WatchRules.none());

  @BeforeAll
  static void start() {
    MapSeriesStore store = new MapSeriesStore();
    ProphetEngine engine = new ProphetEngine(SETTINGS, store);
    Random random = new Random(7);
    double orders = 1000;
    double payments = 800;
    for (int i = 1; i <= 120; i++) {
      Instant cut = START.plus(STEP.multipliedBy(i));
      double newOrders = 20 + random.nextGaussian() * 3;
      orders += newOrders;
      payments += 0.8 * newOrders + random.nextGaussian();
      engine.onStats(stats("shop.orders", i, cut, orders, newOrders));
      engine.onStats(stats("shop.payments", i, cut, payments, 0.8 * newOrders));
      lastCut = cut;
    }
    queries = new ProphetQueries(store, SETTINGS);
    server = serve(queries);
  }

  static ConsoleServer serve(ProphetQueries answering) {
    return new ConsoleServer(
            "127.0.0.1",
            0,
            List.of(),
            new BearerAuth("secret-token", false),
            new ConsoleMetrics(),
            new ProphetRoutes(() -> Optional.of(answering), Optional::empty, List::of, MAX_STEPS)
                .routes())
        .start();
  }

  static TableStats stats(String table, int shadow, Instant cut, double rows, double inserts) {
    return new TableStats(
        "shop",
        table,
        "shadow-" + shadow,
        cut,
        List.of(
            new MetricSample(
                new SeriesKey("shop", table, "rows"),
                MetricKind.LEVEL,
                "row count of " + table,
                rows),
            new MetricSample(
                new SeriesKey("shop", table, "inserts"),
                MetricKind.RATE,
                "inserts into " + table,
                inserts)));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  static JsonNode get(String path, int expectedStatus) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(server.url() + path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(expectedStatus);
    return JSON.readTree(r.body());
  }

  @Test
  void forecastIsTheFutureStateOfEveryMetricAsTheJavaApiGivesIt() throws Exception {
    JsonNode body = get("/api/v1/groups/shop/forecast?horizon=30s&level=0.9", 200);
    GroupForecast direct =
        queries.predictFutureState("shop", Duration.ofSeconds(30), Optional.empty(), 0.9);
    assertThat(body.get("at").asText()).isEqualTo(lastCut.plusSeconds(30).toString());
    assertThat(body.get("series")).hasSize(direct.series().size()).hasSize(4);
    for (int i = 0; i < direct.series().size(); i++) {
      SeriesForecast d = direct.series().get(i);
      JsonNode s = body.get("series").get(i);
      assertThat(s.get("series").asText()).isEqualTo(d.seriesId());
      assertThat(s.get("stepsAhead").asInt()).isEqualTo(3);
      assertThat(s.get("point").asDouble()).isEqualTo(d.point());
      assertThat(s.get("lower").asDouble()).isEqualTo(d.lower());
      assertThat(s.get("upper").asDouble()).isEqualTo(d.upper());
      assertThat(s.get("p10").asDouble()).isLessThanOrEqualTo(s.get("p90").asDouble());
    }
    // the same question by time and by shadow id gets the same answer
    JsonNode byTime =
        get("/api/v1/groups/shop/forecast?level=0.9&at=" + lastCut.plusSeconds(30), 200);
    assertThat(byTime.get("series")).isEqualTo(body.get("series"));
    get("/api/v1/groups/other/forecast?horizon=30s", 404);
    get("/api/v1/groups/shop/forecast?at=" + lastCut.minusSeconds(60), 400);
  }

  @Test
  void grangerAndImpactAnswerAsTheJavaApi() throws Exception {
    JsonNode granger = get("/api/v1/groups/shop/granger?maxLag=2", 200);
    GrangerReport direct = queries.granger("shop", 2);
    assertThat(granger.get("pairs")).hasSize(direct.pairs().size()).isNotEmpty();
    assertThat(granger.get("pairs").get(0).get("pValue").asDouble())
        .isEqualTo(direct.pairs().get(0).pValue())
        .isBetween(0.0, 1.0);

    Instant at = START.plus(STEP.multipliedBy(100));
    JsonNode impact = get("/api/v1/groups/shop/impact?series=" + ORDERS + "&at=" + at, 200);
    ImpactEstimate e = queries.interventionImpact("shop", ORDERS, at, Optional.empty(), 0.8);
    assertThat(impact.get("points")).hasSize(e.points().size());
    assertThat(impact.get("cumulative").get("estimate").asDouble())
        .isEqualTo(e.cumulative().estimate());
    assertThat(impact.get("cumulative").get("significant").asBoolean())
        .isEqualTo(e.cumulative().isSignificant());
    get("/api/v1/groups/shop/impact?series=shop/nope/rows&at=" + at, 400);
  }

  @Test
  void forecastsReachAtMostTheConfiguredStepsAndRefuseHugeOrOverflowingInput() throws Exception {
    // 100 steps of 10 s: exactly the bound answers, one more step is refused before any work
    assertThat(get("/api/v1/groups/shop/forecast?horizon=1000s", 200).get("series")).hasSize(4);
    JsonNode tooFar = get("/api/v1/groups/shop/forecast?horizon=1001s", 400);
    assertThat(tooFar.get("field").asText()).isEqualTo("horizon");
    assertThat(tooFar.get("message").asText()).contains("100 steps", "step 10s");
    // the report's request: 100000 days at a 10 s step would loop ~864 million steps per series
    long t0 = System.nanoTime();
    assertThat(get("/api/v1/groups/shop/forecast?horizon=100000d", 400).get("field").asText())
        .isEqualTo("horizon");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    // numbers past a Duration or an Instant: 400 naming the parameter, never a 500
    assertThat(get("/api/v1/groups/shop/forecast?horizon=99999999999999d", 400).get("message"))
        .asString()
        .contains("at most 3650d");
    assertThat(get("/api/v1/groups/shop/forecast?horizon=99999999999999999999999d", 400))
        .isNotNull();
    JsonNode farAt = get("/api/v1/groups/shop/forecast?at=%2B999999999-12-31T23%3A59%3A59Z", 400);
    assertThat(farAt.get("field").asText()).isEqualTo("at");
    assertThat(farAt.get("message").asText()).contains("1970-01-01T00:00:00Z", "2199-12-31");
    JsonNode farAtInWindow = get("/api/v1/groups/shop/forecast?at=2199-01-01T00:00:00Z", 400);
    assertThat(farAtInWindow.get("message").asText()).contains("steps ahead");
    assertThat(
            get("/api/v1/groups/shop/forecast?shadow=shadow-shop-99999999T000000.000Z", 400)
                .get("field")
                .asText())
        .isEqualTo("shadow");
    assertThat(get("/api/v1/groups/shop/forecast?horizon=-5m", 400).get("field").asText())
        .isEqualTo("horizon");
    assertThat(get("/api/v1/groups/shop/granger?maxLag=49", 400).get("message").asText())
        .contains("between 1 and 48");
    assertThat(
            get("/api/v1/groups/shop/granger?maxLag=99999999999999999999", 400)
                .get("field")
                .asText())
        .isEqualTo("maxLag");
    assertThat(
            get("/api/v1/groups/shop/forecast?horizon=1m&model=" + "x".repeat(2000), 400)
                .get("field")
                .asText())
        .isEqualTo("model");
  }

  @Test
  void seriesListsWhatIsWatchedAndWhyAsTheJavaApiSays() throws Exception {
    MapSeriesStore store = new MapSeriesStore();
    ProphetEngine engine = new ProphetEngine(SETTINGS, store);
    Random random = new Random(11);
    for (int i = 1; i <= 20; i++) {
      double price = 5 + 20 * random.nextDouble();
      engine.onStats(
          new TableStats(
              "shop",
              "shop.order_lines",
              "shadow-" + i,
              START.plus(STEP.multipliedBy(i)),
              List.of(
                  new MetricSample(
                      new SeriesKey("shop", "shop.order_lines", "rows"),
                      MetricKind.LEVEL,
                      "row count of shop.order_lines",
                      100 + 3 * i),
                  new MetricSample(
                      new SeriesKey("shop", "shop.order_lines", "bytes"),
                      MetricKind.RATE,
                      "bytes written for shop.order_lines",
                      4096),
                  new MetricSample(
                      new SeriesKey("shop", "shop.order_lines", "line_no.mean"),
                      MetricKind.LEVEL,
                      "mean line_no",
                      2,
                      new ColumnFigures(true, 3, 6, 14.0, 1, 3)),
                  new MetricSample(
                      new SeriesKey("shop", "shop.order_lines", "unit_price.mean"),
                      MetricKind.LEVEL,
                      "mean unit_price",
                      price,
                      new ColumnFigures(
                          false, 3, 3 * price, 3 * price * price + 2, price - 1, price + 1)))));
    }
    ProphetQueries lines = new ProphetQueries(store, SETTINGS);
    try (ConsoleServer own = serve(lines)) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(own.url() + "/api/v1/groups/shop/series"))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonNode body = JSON.readTree(r.body());
      Map<String, JsonNode> byMetric = new java.util.TreeMap<>();
      body.get("series").forEach(s -> byMetric.put(s.get("metric").asText(), s));
      assertThat(byMetric).containsOnlyKeys("rows", "bytes", "line_no.mean", "unit_price.mean");
      assertThat(byMetric.get("rows").get("watched").asBoolean()).isTrue();
      assertThat(byMetric.get("bytes").get("watched").asBoolean()).isFalse();
      assertThat(byMetric.get("line_no.mean").get("watched").asBoolean()).isFalse();
      assertThat(byMetric.get("line_no.mean").get("reason").asText())
          .isEqualTo("line_no is part of the primary key");
      assertThat(byMetric.get("unit_price.mean").get("watched").asBoolean()).isTrue();
      assertThat(byMetric.get("unit_price.mean").get("shadows").asInt()).isEqualTo(20);
      assertThat(body.get("watched").asInt()).isEqualTo(2);
      for (var w : lines.watched("shop")) {
        assertThat(byMetric.get(w.metric()).get("reason").asText()).isEqualTo(w.reason());
        assertThat(byMetric.get(w.metric()).get("series").asText()).isEqualTo(w.id());
        JsonNode served = byMetric.get(w.metric());
        assertThat(served.get("scoredSteps").asInt()).isEqualTo(w.coverage().scored());
        if (w.coverage().scored() == 0) {
          assertThat(served.get("coverage80").isNull()).isTrue();
        } else {
          assertThat(served.get("coverage80").asDouble()).isEqualTo(w.coverage().coverage80());
          assertThat(served.get("coverage95").asDouble()).isEqualTo(w.coverage().coverage95());
        }
      }
    }
    assertThat(get("/api/v1/groups/other/series", 404).get("code").asText())
        .isEqualTo("unknown_group");
  }

  @Test
  void theOpenApiBoundsAreTheEnforcedOnes() {
    var doc =
        io.chronoshadow.console.http.OpenApiDocument.build(
            new ProphetRoutes(() -> Optional.of(queries), Optional::empty, List::of, MAX_STEPS)
                .routes(),
            "test",
            false);
    JsonNode params = doc.at("/paths/~1api~1v1~1groups~1{group}~1granger/get/parameters");
    JsonNode maxLag = params.get(1);
    assertThat(maxLag.get("name").asText()).isEqualTo("maxLag");
    assertThat(maxLag.at("/schema/minimum").asInt()).isEqualTo(1);
    assertThat(maxLag.at("/schema/maximum").asInt()).isEqualTo(48);
    assertThat(doc.at("/paths/~1api~1v1~1groups~1{group}~1series/get/summary").asText())
        .contains("watched");
    JsonNode forecast = doc.at("/paths/~1api~1v1~1groups~1{group}~1forecast/get/parameters");
    assertThat(forecast.get(1).get("description").asText()).contains("at most 100 analysis steps");
    assertThat(forecast.get(1).at("/schema/maxLength").asInt()).isEqualTo(64);
  }

  @Test
  void aThousandMalformedRequestsGetJsonErrorsAndNo5xx() throws Exception {
    var http = new io.chronoshadow.console.http.RawHttp(server.port());
    var fuzzer =
        new io.chronoshadow.console.http.ApiFuzzer(
            http,
            io.chronoshadow.console.http.OpenApiDocument.build(server.routes(), "test", false),
            "secret-token",
            List.of());
    assertThat(fuzzer.operations()).isEqualTo(6);
    long seed = Long.getLong("chrono.fuzz.seed", 20261203L);
    assertThat(fuzzer.run(seed, 1_000)).as("seed " + seed).isEmpty();
    // the prophet still answers a real question afterwards
    assertThat(get("/api/v1/groups/shop/forecast?horizon=30s", 200).get("series")).hasSize(4);
  }
}

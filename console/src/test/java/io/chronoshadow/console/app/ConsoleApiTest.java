package io.chronoshadow.console.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.chronoshadow.console.http.Access;
import io.chronoshadow.console.http.ApiRoute;
import io.chronoshadow.console.http.AuthWalk;
import io.chronoshadow.console.http.Json;
import io.chronoshadow.console.http.RawHttp;
import io.chronoshadow.console.http.SelfSignedKeystore;
import io.chronoshadow.devstack.workload.WorkloadConfig;
import io.chronoshadow.shadow.catalog.CatalogSettings;
import io.chronoshadow.shadow.cut.ShadowIds;
import io.chronoshadow.shadow.policy.FixedBucketPolicy;
import io.chronoshadow.shadow.policy.InvalidPolicyException;
import io.chronoshadow.shadow.policy.PolicyCodec;
import io.chronoshadow.shadow.read.KeyVersion;
import io.chronoshadow.shadow.read.ReadOptions;
import io.chronoshadow.shadow.read.ShadowDiff;
import io.chronoshadow.shadow.read.ShadowRef;
import io.chronoshadow.shadow.table.IcebergSchemas;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The console over real HTTP against the embedded stack with the shadow topology running. Values
 * are checked against independent oracles: Iceberg (refs, {@code ShadowReader}), the source
 * database at quiescence, and the topics. Read-only checks run first on shadows cut while the
 * source was quiet; the tests that cut new shadows (requests, policy change) run last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleApiTest {

  private static final String G = ConsoleStack.GROUP;
  private static final String API = "/api/v1/groups/" + G;
  private static final String WRONG_TOKEN = "wrong-token-4f1d9c";

  @TempDir static Path dir;

  private static ConsoleStack s;
  private static Http http;
  private static ListAppender<ILoggingEvent> logs;

  /**
   * Customers has rows in the initial snapshot, so its table exists from the group's first shadow
   * (the baseline) and is tagged in every shadow; orders gets its table only with its first insert.
   */
  private static final String IN_EVERY_SHADOW = "shop__customers";

  /** The group's first shadow: the baseline (the initial snapshot). */
  private static String baselineShadow;

  /** The first shadow in which every table of the group exists. */
  private static String firstShadow;

  private static String quietShadow;
  private static Instant quietCut;
  private static Map<String, Set<String>> sourceKeys = new TreeMap<>();
  private static Map<String, String> sourceProducts = new TreeMap<>();
  private static final Set<String> manualShadows = new HashSet<>();

  @BeforeAll
  static void start() throws Exception {
    ch.qos.logback.classic.Logger root =
        (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.chronoshadow"))
        .setLevel(Level.INFO);
    logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);

    s =
        new ConsoleStack(
            dir,
            WorkloadConfig.builder().customers(40).products(25).build(),
            FixedBucketPolicy.of(Duration.ofSeconds(3)));
    http = s.http;
    produce("demo.shop.orders", "poison".getBytes(StandardCharsets.UTF_8), new byte[] {7, 7, 7});
    for (int burst = 0; burst < 3; burst++) {
      long before = s.app.metrics().shadowsCommitted();
      s.workload.runSteps(30);
      await()
          .atMost(Duration.ofSeconds(90))
          .until(() -> s.app.metrics().shadowsCommitted() > before);
    }
    // Quiet: no more source changes. Heartbeats close the open bucket; the latest shadow then
    // equals the source (its key sets, and the products' names and prices).
    for (String table : List.of("customers", "products", "orders", "order_lines", "payments")) {
      sourceKeys.put("shop__" + table, sourceKeys(table));
    }
    try (Connection c = s.stack.postgres().sourceDataSource().getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT product_id, name, price FROM shop.products")) {
      while (rs.next()) {
        sourceProducts.put(
            Long.toString(rs.getLong(1)),
            rs.getString(2) + "|" + rs.getBigDecimal(3).toPlainString());
      }
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              String latest = last(s.shadowsOf(IN_EVERY_SHADOW)).shadowId();
              for (String table : sourceKeys.keySet()) {
                assertThat(shadowKeys(table, latest)).as(table).isEqualTo(sourceKeys.get(table));
              }
            });
    baselineShadow = s.shadowsOf(IN_EVERY_SHADOW).get(0).shadowId();
    List<ShadowRef> orders = s.shadowsOf("shop__orders");
    firstShadow = orders.get(0).shadowId();
    quietShadow = last(orders).shadowId();
    quietCut = last(orders).cutTime();
    assertThat(s.console.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
  }

  @AfterAll
  static void stop() {
    if (s != null) {
      s.close();
    }
    if (logs != null) {
      ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
          .detachAppender(logs);
    }
  }

  // ---- docs, probes, metrics ------------------------------------------------------------------

  @Test
  @Order(1)
  void openApiDocumentIsValidAndListsExactlyTheServersRoutes() {
    Http.Response doc = http.get("/openapi.json");
    assertThat(doc.status()).isEqualTo(200);
    SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(doc.body());
    assertThat(parsed.getMessages()).as("swagger-parser validation").isEmpty();
    assertThat(parsed.getOpenAPI().getPaths()).isNotEmpty();

    Set<String> documented = new TreeSet<>();
    Iterator<Map.Entry<String, JsonNode>> paths = doc.json().get("paths").fields();
    while (paths.hasNext()) {
      Map.Entry<String, JsonNode> path = paths.next();
      path.getValue()
          .fieldNames()
          .forEachRemaining(m -> documented.add(m.toUpperCase() + " " + path.getKey()));
    }
    assertThat(documented).isEqualTo(new TreeSet<>(s.console.server().registeredEndpoints()));
    assertThat(documented).contains("GET /metrics", "PUT /api/v1/policies/{group}");

    Http.Response ui = http.get("/docs");
    assertThat(ui.status()).isEqualTo(200);
    String bundle = ui.body().replaceAll("(?s).*src=\"([^\"]+swagger-ui-bundle\\.js)\".*", "$1");
    assertThat(http.get(bundle).status()).as(bundle).isEqualTo(200);
  }

  @Test
  @Order(1)
  void probesAnswerAndReadinessNamesItsChecks() {
    assertThat(http.get("/health/live").status()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(http.get("/health/ready").status()).isEqualTo(200));
    JsonNode ready = http.get("/health/ready").json();
    assertThat(ready.get("status").asText()).isEqualTo("ready");
    assertThat(ready.get("checks").toString()).contains("catalog", "topology shop", "policies");
  }

  @Test
  @Order(1)
  void groupHealthReportsLastShadowLagLatencyDeadLettersAndStorage() {
    JsonNode h = http.get(API + "/health").json();
    List<ShadowRef> shadows = s.shadowsOf(IN_EVERY_SHADOW);
    assertThat(h.get("lastShadow").get("id").asText()).isEqualTo(last(shadows).shadowId());
    assertThat(h.get("shadowCount").asInt()).isEqualTo(shadows.size());
    long lag = h.get("lastShadow").get("lagMillis").asLong();
    assertThat(lag).isBetween(0L, 60_000L);
    assertThat(h.get("lastShadow").get("ageMillis").asLong()).isGreaterThanOrEqualTo(0);
    assertThat(h.get("commitLatencyMillis").get("window").asInt()).isEqualTo(shadows.size());
    assertThat(h.get("commitLatencyMillis").get("p99").asLong())
        .isGreaterThanOrEqualTo(h.get("commitLatencyMillis").get("p50").asLong());
    assertThat(h.get("deadLetters").get("byReason").get("MALFORMED_BYTES").asLong()).isEqualTo(1);
    assertThat(h.get("deadLetters").get("lastErrors").toString()).contains("demo.shop.orders");
    assertThat(h.get("stoppedTables")).isEmpty();
    assertThat(h.get("topology").get("state").asText()).isEqualTo("RUNNING");
    assertThat(h.get("storage").get("hotBytes").asLong()).isPositive();
    assertThat(h.get("storage").get("coldBytes").asLong()).isZero();
    assertThat(h.get("storage").get("bytesByStorageClass").has("STANDARD")).isTrue();
  }

  @Test
  @Order(1)
  void metricsExposeJvmKafkaStreamsShadowsDeadLettersAndQueryLatency() {
    http.get(API + "/shadows");
    String text = http.get("/metrics").body();
    assertThat(text)
        .contains("jvm_memory_used_bytes")
        .contains("topology=\"shadow-shop\"")
        .contains("chrono_shadow_commit_latency_seconds_bucket{group=\"shop\"")
        .contains("chrono_table_changes_total{group=\"shop\",table=\"shop.orders\"}")
        .contains("chrono_table_changes_per_second{group=\"shop\",table=\"shop.orders\"}")
        .contains("chrono_dead_letters_total{reason=\"MALFORMED_BYTES\"} 1.0")
        // The local topology's dependencies, each up: the stack is healthy.
        .contains("chrono_shadow_dependency_up{dependency=\"object-store\",group=\"shop\"} 1.0")
        .contains("chrono_shadow_dependency_up{dependency=\"catalog\",group=\"shop\"} 1.0")
        .contains("chrono_shadow_dependency_outages_total{dependency=\"broker\",group=\"shop\"}")
        .contains("chrono_query_latency_seconds_bucket")
        .contains("route=\"/api/v1/groups/{group}/shadows\"");
    // Every announced shadow counted once: the counter equals the shadows in Iceberg.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(http.get("/metrics").body())
                    .contains(
                        "chrono_shadows_committed_total{group=\"shop\"} "
                            + s.shadowsOf(IN_EVERY_SHADOW).size()
                            + ".0"));
  }

  // ---- shadows --------------------------------------------------------------------------------

  @Test
  @Order(2)
  void shadowListPagesThroughIcebergsTagsAndFiltersByTime() {
    List<ShadowRef> oracle = s.shadowsOf(IN_EVERY_SHADOW);
    List<String> listed = new ArrayList<>();
    String token = null;
    do {
      JsonNode page =
          http.get(API + "/shadows?limit=2" + (token == null ? "" : "&pageToken=" + Http.q(token)))
              .json();
      assertThat(page.get("shadows").size()).isLessThanOrEqualTo(2);
      page.get("shadows").forEach(n -> listed.add(n.get("id").asText()));
      token = page.get("nextPageToken").isNull() ? null : page.get("nextPageToken").asText();
    } while (token != null);
    assertThat(listed).isEqualTo(oracle.stream().map(ShadowRef::shadowId).toList());

    Instant from = oracle.get(1).cutTime();
    Instant to = oracle.get(oracle.size() - 2).cutTime();
    JsonNode ranged =
        http.get(API + "/shadows?from=" + Http.q(from.toString()) + "&to=" + Http.q(to.toString()))
            .json();
    List<String> inRange = new ArrayList<>();
    ranged.get("shadows").forEach(n -> inRange.add(n.get("id").asText()));
    assertThat(inRange)
        .isEqualTo(oracle.subList(1, oracle.size() - 1).stream().map(ShadowRef::shadowId).toList());
  }

  @Test
  @Order(2)
  void oneShadowShowsItsSnapshotsTagCutStatsAndTier() {
    JsonNode shadow = http.get(API + "/shadows/" + quietShadow).json();
    assertThat(shadow.get("tag").asText()).isEqualTo(quietShadow);
    assertThat(Instant.parse(shadow.get("cutTime").asText())).isEqualTo(quietCut);
    assertThat(shadow.get("announcement").get("trigger").asText()).isEqualTo("SCHEDULED");
    assertThat(shadow.get("storage").get("tier").asText()).isEqualTo("hot");
    assertThat(shadow.get("storage").get("hotBytes").asLong()).isPositive();
    Map<String, Long> snapshots = new TreeMap<>();
    shadow
        .get("tables")
        .forEach(t -> snapshots.put(t.get("table").asText(), t.get("snapshotId").asLong()));
    assertThat(snapshots.keySet()).containsAll(sourceKeys.keySet());
    for (Map.Entry<String, Long> e : snapshots.entrySet()) {
      Table table = s.catalog.catalog().loadTable(s.table(e.getKey()).identifier());
      assertThat(e.getValue()).as(e.getKey()).isEqualTo(table.refs().get(quietShadow).snapshotId());
    }
    JsonNode first = http.get(API + "/shadows/" + baselineShadow).json();
    JsonNode customers = table(first, "shop__customers");
    assertThat(customers.get("changedInShadow").asBoolean()).isTrue();
    // The first shadow creates the table: every row it holds was added by it.
    assertThat(customers.get("stats").get("added-records").asLong())
        .isEqualTo(
            s.reader
                .rowsAt(s.table("shop__customers"), baselineShadow, ReadOptions.ALL)
                .rows()
                .size());
  }

  @Test
  @Order(2)
  void pinsAreDurableInTheTopicAndKeepIcebergTagsForever() {
    String path = API + "/shadows/" + firstShadow + "/pin";
    assertThat(http.put(path, "", null).status()).isEqualTo(401);
    assertThat(http.put(path, "", s.token).status()).isEqualTo(200);
    assertThat(http.get(API + "/shadows/" + firstShadow).json().get("pinned").asBoolean()).isTrue();
    assertThat(http.get(API + "/pins").json().get("pins").toString()).contains(firstShadow);
    for (String table : sourceKeys.keySet()) {
      SnapshotRef ref =
          s.catalog.catalog().loadTable(s.table(table).identifier()).refs().get(firstShadow);
      assertThat(ref.maxRefAgeMs()).as(table).isEqualTo(Long.MAX_VALUE);
    }
    // A console started afresh rebuilds the pin from the compacted topic.
    try (Console other = Console.start(s.settings(false, List.of()), s.backends, Map.of())) {
      Http otherHttp = new Http(other.url());
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(otherHttp.get(API + "/pins").json().get("pins").toString())
                      .contains(firstShadow));
    }

    assertThat(http.delete(path, s.token).status()).isEqualTo(204);
    assertThat(http.delete(path, s.token).status()).isEqualTo(404);
    assertThat(http.get(API + "/pins").json().get("pins")).isEmpty();
    for (String table : sourceKeys.keySet()) {
      SnapshotRef ref =
          s.catalog.catalog().loadTable(s.table(table).identifier()).refs().get(firstShadow);
      assertThat(ref.maxRefAgeMs()).as(table).isNull();
    }
    assertThat(
            http.put(API + "/shadows/shadow-shop-19990101T000000.000Z/pin", "", s.token).status())
        .isEqualTo(404);
  }

  // ---- queries --------------------------------------------------------------------------------

  @Test
  @Order(2)
  void rowsAtAShadowPageInKeyOrderAndEqualIcebergAndTheSource() {
    for (String table : sourceKeys.keySet()) {
      List<String> api =
          allPages(API + "/tables/" + table + "/rows?shadow=" + quietShadow + "&limit=7");
      assertThat(api).as(table).isEqualTo(oracleRows(table, quietShadow, ReadOptions.ALL));
      Set<String> keys = new HashSet<>();
      List<String> keyColumns = keyColumns(table);
      for (String row : api) {
        JsonNode node = parse(row);
        keys.add(String.join("/", keyColumns.stream().map(k -> node.get(k).asText()).toList()));
      }
      assertThat(keys)
          .as("%s equals the source at quiescence", table)
          .isEqualTo(sourceKeys.get(table));
    }
    Map<String, String> products = new TreeMap<>();
    for (String row :
        allPages(
            API
                + "/tables/shop__products/rows?shadow="
                + quietShadow
                + "&columns=product_id,name,price&limit=500")) {
      JsonNode n = parse(row);
      assertThat(n.size()).isEqualTo(3);
      products.put(
          n.get("product_id").asText(),
          n.get("name").asText() + "|" + n.get("price").decimalValue().toPlainString());
    }
    assertThat(products).isEqualTo(sourceProducts);
  }

  @Test
  @Order(2)
  void rowsAsOfATimeAreThoseOfTheLatestShadowCutAtOrBeforeIt() {
    JsonNode at =
        http.get(
                API
                    + "/tables/shop__orders/rows?limit=500&asOf="
                    + Http.q(quietCut.plusMillis(1).toString()))
            .json();
    assertThat(at.get("shadow").get("id").asText()).isEqualTo(quietShadow);
    JsonNode before = http.get(API + "/tables/shop__orders/rows?asOf=2000-01-01T00:00:00Z").json();
    assertThat(before.get("shadow").isNull()).isTrue();
    assertThat(before.get("rows")).isEmpty();
    ShadowRef second = s.shadowsOf("shop__orders").get(1);
    JsonNode mid =
        http.get(
                API
                    + "/tables/shop__orders/rows?limit=500&asOf="
                    + Http.q(second.cutTime().plusMillis(1).toString()))
            .json();
    assertThat(mid.get("shadow").get("id").asText()).isEqualTo(second.shadowId());
    List<String> rows = new ArrayList<>();
    mid.get("rows").forEach(r -> rows.add(r.toString()));
    assertThat(rows).isEqualTo(oracleRows("shop__orders", second.shadowId(), ReadOptions.ALL));
  }

  @Test
  @Order(2)
  void filtersAndProjectionSelectExactlyWhatTheyName() {
    List<String> api =
        allPages(
            API
                + "/tables/shop__products/rows?shadow="
                + quietShadow
                + "&columns=product_id,price&filter="
                + Http.q("price:ge:20")
                + "&filter="
                + Http.q("is_active:eq:true")
                + "&limit=5");
    List<String> oracle = new ArrayList<>();
    for (Map<String, Object> row : sortedOracle("shop__products", quietShadow, ReadOptions.ALL)) {
      if (((BigDecimal) row.get("price")).compareTo(new BigDecimal("20")) >= 0
          && Boolean.TRUE.equals(row.get("is_active"))) {
        Map<String, Object> projected = new LinkedHashMap<>();
        projected.put("product_id", row.get("product_id"));
        projected.put("price", row.get("price"));
        oracle.add(Json.row(projected).toString());
      }
    }
    assertThat(api).isNotEmpty().isEqualTo(oracle);
    List<String> byKey =
        allPages(
            API
                + "/tables/shop__order_lines/rows?shadow="
                + quietShadow
                + "&filter="
                + Http.q("line_no:eq:1")
                + "&limit=9");
    assertThat(byKey)
        .isEqualTo(
            oracleRows(
                "shop__order_lines",
                quietShadow,
                new ReadOptions(List.of(), Map.of("line_no", 1))));
  }

  @Test
  @Order(2)
  void csvStreamsEveryRowOfTheShadow() {
    Http.Response csv =
        http.get(API + "/tables/shop__customers/rows?format=csv&shadow=" + quietShadow);
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.header("Content-Type")).startsWith("text/csv");
    List<List<String>> lines = Csv.parse(csv.body());
    assertThat(lines.get(0)).startsWith("customer_id", "email");
    Set<String> ids = new HashSet<>();
    lines.subList(1, lines.size()).forEach(l -> ids.add(l.get(0)));
    assertThat(lines).hasSize(sourceKeys.get("shop__customers").size() + 1);
    assertThat(ids).isEqualTo(sourceKeys.get("shop__customers"));
    Http.Response limited =
        http.get(API + "/tables/shop__customers/rows?format=csv&limit=5&shadow=" + quietShadow);
    assertThat(Csv.parse(limited.body())).hasSize(6);
  }

  @Test
  @Order(2)
  void diffAndKeyHistoryEqualTheReaders() {
    for (String table : List.of("shop__orders", "shop__products", "shop__order_lines")) {
      JsonNode api =
          http.get(
                  API
                      + "/tables/"
                      + table
                      + "/diff?from="
                      + firstShadow
                      + "&to="
                      + quietShadow
                      + "&limit=500")
              .json();
      ShadowDiff oracle = s.reader.diff(s.table(table), firstShadow, quietShadow);
      assertThat(texts(api.get("added")))
          .as(table)
          .isEqualTo(oracle.added().stream().map(r -> Json.row(r).toString()).toList());
      assertThat(texts(api.get("removed")))
          .isEqualTo(oracle.removed().stream().map(r -> Json.row(r).toString()).toList());
      List<String> changed = new ArrayList<>();
      oracle
          .changed()
          .forEach(c -> changed.add(Json.row(c.before()).toString() + Json.row(c.after())));
      List<String> apiChanged = new ArrayList<>();
      api.get("changed").forEach(c -> apiChanged.add(c.get("before").toString() + c.get("after")));
      assertThat(apiChanged).isEqualTo(changed);
      assertThat(api.get("counts").get("added").asInt()).isEqualTo(oracle.added().size());
    }
    JsonNode orders =
        http.get(
                API
                    + "/tables/shop__orders/diff?from="
                    + firstShadow
                    + "&to="
                    + quietShadow
                    + "&limit=1")
            .json();
    assertThat(orders.get("truncated").asBoolean()).isTrue();
    assertThat(orders.get("added").size()).isEqualTo(1);

    // A key the workload changed: an order placed after the baseline.
    JsonNode added =
        http.get(API + "/tables/shop__orders/diff?from=" + firstShadow + "&to=" + quietShadow)
            .json()
            .get("added")
            .get(0);
    long orderId = added.get("order_id").asLong();
    JsonNode history =
        http.get(API + "/tables/shop__orders/history?key=" + Http.q("order_id:" + orderId)).json();
    List<KeyVersion> oracle =
        s.reader.keyHistory(s.table("shop__orders"), Map.of("order_id", orderId));
    assertThat(history.get("versions").size()).isEqualTo(oracle.size()).isPositive();
    for (int i = 0; i < oracle.size(); i++) {
      JsonNode v = history.get("versions").get(i);
      assertThat(v.get("shadow").asText()).isEqualTo(oracle.get(i).shadow().shadowId());
      assertThat(v.get("deleted").asBoolean()).isEqualTo(oracle.get(i).deleted());
      if (!oracle.get(i).deleted()) {
        assertThat(v.get("row").toString()).isEqualTo(Json.row(oracle.get(i).row()).toString());
      }
    }
  }

  // ---- policies -------------------------------------------------------------------------------

  @Test
  @Order(3)
  void policiesAreCreatedReadUpdatedAndDeletedThroughTheCompactedTopic() {
    String body = "{\"group\":\"other\",\"type\":\"fixed\",\"interval\":\"PT1H\"}";
    assertThat(http.post("/api/v1/policies", body, null).status()).isEqualTo(401);
    Http.Response created = http.post("/api/v1/policies", body, s.token);
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().toString())
        .isEqualTo("{\"group\":\"other\",\"type\":\"fixed\",\"interval\":\"PT1H\"}");
    assertThat(http.post("/api/v1/policies", body, s.token).json().get("code").asText())
        .isEqualTo("policy_exists");
    assertThat(http.get("/api/v1/policies/other").json().get("interval").asText())
        .isEqualTo("PT1H");

    Http.Response updated =
        http.put(
            "/api/v1/policies/other",
            "{\"type\":\"adaptive\",\"min\":\"30s\",\"max\":\"10m\",\"targetChanges\":500}",
            s.token);
    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.json().get("min").asText()).isEqualTo("PT30S");
    assertThat(http.get("/api/v1/policies").json().toString())
        .contains("\"group\":\"other\",\"type\":\"adaptive\"");
    // Persisted: a fresh console reading the topic sees the same policy.
    try (Console other = Console.start(s.settings(false, List.of()), s.backends, Map.of())) {
      Http otherHttp = new Http(other.url());
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(otherHttp.get("/api/v1/policies/other").body())
                      .isEqualTo(updated.body()));
    }

    assertThat(http.delete("/api/v1/policies/other", s.token).status()).isEqualTo(204);
    assertThat(http.get("/api/v1/policies/other").status()).isEqualTo(404);
    assertThat(http.delete("/api/v1/policies/other", s.token).status()).isEqualTo(404);
  }

  @Test
  @Order(3)
  void invalidPoliciesGetTheTopologysOwnMessagesWithTheField() {
    String bad = "{\"group\":\"shop\",\"type\":\"fixed\",\"interval\":\"7m\"}";
    Http.Response r = http.post("/api/v1/policies", bad, s.token);
    assertThat(r.status()).isEqualTo(400);
    String expected;
    try {
      PolicyCodec.fromJson(bad);
      throw new AssertionError("the codec accepts " + bad);
    } catch (InvalidPolicyException e) {
      expected = e.getMessage();
    }
    assertThat(r.json().get("message").asText()).isEqualTo(expected);
    assertThat(r.json().get("field").asText()).isEqualTo("fixed.interval");
    assertError(
        http.post("/api/v1/policies", "{\"group\":\"shop\",\"type\":\"weekly\"}", s.token),
        400,
        "type");
    assertError(
        http.post(
            "/api/v1/policies",
            "{\"group\":\"shop\",\"type\":\"fixed\",\"intervall\":\"1h\"}",
            s.token),
        400,
        "fixed.intervall");
    assertError(http.post("/api/v1/policies", "{\"group\":", s.token), 400, null);
    assertThat(http.post("/api/v1/policies", "{\"group\":", s.token).json().get("code").asText())
        .isEqualTo("malformed_json");
    assertError(http.post("/api/v1/policies", "", s.token), 400, null);
    assertError(
        http.put(
            "/api/v1/policies/shop",
            "{\"group\":\"other\",\"type\":\"fixed\",\"interval\":\"1h\"}",
            s.token),
        400,
        "group");
    assertError(
        http.put("/api/v1/policies/Shop!", "{\"type\":\"fixed\",\"interval\":\"1h\"}", s.token),
        400,
        "group");
    assertError(http.put("/api/v1/policies/shop", "[1,2]", s.token), 400, "policy");
    assertError(http.post("/api/v1/policies", "x".repeat(2_000_000), s.token), 413, null);
  }

  // ---- errors and security --------------------------------------------------------------------

  @Test
  @Order(3)
  void badRequestsAreFourHundredsThatSayWhatToFix() {
    String rows = API + "/tables/shop__orders/rows";
    assertError(http.get(rows + "?asOf=yesterday"), 400, "asOf");
    assertError(http.get(rows + "?asOf=2026-01-01T10:00:00Z&shadow=" + quietShadow), 400, "shadow");
    assertError(http.get(rows), 400, "shadow");
    assertError(http.get(rows + "?shadow=" + quietShadow + "&limit=100000"), 400, "limit");
    assertError(http.get(rows + "?shadow=" + quietShadow + "&limit=ten"), 400, "limit");
    assertError(http.get(rows + "?shadow=" + quietShadow + "&limit=0"), 400, "limit");
    assertError(http.get(rows + "?shadow=" + quietShadow + "&format=xml"), 400, "format");
    assertError(
        http.get(rows + "?shadow=" + quietShadow + "&filter=" + Http.q("total:like:3")),
        400,
        "filter");
    assertError(
        http.get(rows + "?shadow=" + quietShadow + "&filter=" + Http.q("nope:eq:3")),
        400,
        "filter");
    assertError(
        http.get(rows + "?shadow=" + quietShadow + "&filter=" + Http.q("total:ge:lots")),
        400,
        "filter");
    assertError(
        http.get(rows + "?shadow=" + quietShadow + "&filter=" + Http.q("total:ge:1.234")),
        400,
        "filter");
    assertError(
        http.get(rows + "?shadow=" + quietShadow + "&filter=" + Http.q("total:ge:NaN")),
        400,
        "filter");
    assertError(
        http.get(rows + "?shadow=" + quietShadow + "&filter=" + Http.q("placed_at:ge:monday")),
        400,
        "filter");
    assertError(http.get(rows + "?shadow=" + quietShadow + "&filter=total"), 400, "filter");
    assertError(http.get(rows + "?shadow=" + quietShadow + "&columns=total,nope"), 400, "columns");
    assertError(
        http.get(rows + "?shadow=" + quietShadow + "&pageToken=garbage!"), 400, "pageToken");
    assertError(http.get(rows + "?shadow=shadow-shop-19990101T000000.000Z"), 404, null);
    assertError(http.get("/api/v1/groups/nogroup/tables/x/rows?shadow=" + quietShadow), 404, null);
    assertThat(http.get("/api/v1/groups/nogroup/shadows").json().get("code").asText())
        .isEqualTo("group_not_found");
    assertError(http.get(API + "/tables/nope/rows?shadow=" + quietShadow), 404, null);
    assertError(http.get("/api/v1/groups/BAD!/shadows"), 400, "group");
    assertError(
        http.get(API + "/shadows?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z"), 400, "from");
    assertError(http.get(API + "/shadows?pageToken=shadow-x"), 400, "pageToken");
    assertError(http.get(API + "/shadows/shadow-shop-19990101T000000.000Z"), 404, null);
    assertError(http.get(API + "/tables/shop__orders/diff?to=" + quietShadow), 400, "from");
    assertError(http.get(API + "/tables/shop__orders/diff?from=nope&to=" + quietShadow), 404, null);
    assertError(http.get(API + "/tables/shop__orders/history"), 400, "key");
    assertError(http.get(API + "/tables/shop__orders/history?key=status:PAID"), 400, "key");
    assertError(http.get(API + "/tables/shop__orders/history?key=order_id:abc"), 400, "key");
    assertError(http.get(API + "/shadow-requests/r-unknown"), 404, null);
    assertError(http.get("/api/v1/nothing-here"), 404, null);
    assertError(http.method("PATCH", "/api/v1/policies/shop", s.token), 405, null);
  }

  @Test
  @Order(3)
  void everyMutatingCallNeedsTheTokenAndNoTokenEverReachesLogsOrBodies() throws Exception {
    List<Http.Response> answers = new ArrayList<>();
    String[][] mutations = {
      {"POST", "/api/v1/policies"},
      {"PUT", "/api/v1/policies/shop"},
      {"DELETE", "/api/v1/policies/shop"},
      {"POST", API + "/shadow-requests"},
      {"PUT", API + "/shadows/" + quietShadow + "/pin"},
      {"DELETE", API + "/shadows/" + quietShadow + "/pin"}
    };
    for (String[] m : mutations) {
      for (String token : new String[] {null, WRONG_TOKEN, ""}) {
        Http.Response r = http.method(m[0], m[1], token);
        assertThat(r.status()).as("%s %s with %s", m[0], m[1], token).isEqualTo(401);
        assertThat(r.json().get("code").asText()).isEqualTo("unauthorized");
        assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer");
        answers.add(r);
      }
    }
    answers.add(
        http.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(s.console.url() + "/api/v1/policies/shop"))
                .header("Authorization", "Basic " + s.token)
                .DELETE(),
            null));
    assertThat(answers.get(answers.size() - 1).status()).isEqualTo(401);
    // Authorized calls that fail on their input do not echo the token either.
    answers.add(http.put("/api/v1/policies/shop", "{\"type\":\"hourly\"}", s.token));
    answers.add(
        http.get(API + "/tables/shop__orders/rows?shadow=" + quietShadow + "&limit=abc", s.token));
    for (Http.Response r : answers) {
      assertThat(r.body()).doesNotContain(s.token).doesNotContain(WRONG_TOKEN);
    }
    // Reads are open by default; health and metrics always are.
    assertThat(http.get("/api/v1/policies").status()).isEqualTo(200);

    for (ILoggingEvent event : List.copyOf(logs.list)) {
      String text =
          event.getFormattedMessage()
              + (event.getThrowableProxy() == null
                  ? ""
                  : ThrowableProxyUtil.asString(event.getThrowableProxy()));
      assertThat(text).doesNotContain(s.token).doesNotContain(WRONG_TOKEN);
    }
    assertThat(logs.list)
        .anySatisfy(
            e -> assertThat(e.getFormattedMessage()).contains("PUT /api/v1/policies/shop → 400"));
  }

  @Test
  @Order(3)
  void aConsoleFromItsConfigFileCanRequireTheTokenForReadsAndCorsIsOffUnlessConfigured()
      throws Exception {
    Http.Response plain =
        http.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(s.console.url() + "/api/v1/policies"))
                .header("Origin", "http://ui.example")
                .GET(),
            null);
    assertThat(plain.header("Access-Control-Allow-Origin")).isNull();

    Properties p = stackConfig();
    p.setProperty("chrono.console.token-file", "strict-token");
    p.setProperty("chrono.console.auth.reads", "true");
    p.setProperty("chrono.console.cors.allowed-origins", "http://ui.example");
    ConsoleConfigFile file = ConsoleConfigFile.fromProperties(p, dir);
    String token = Files.readString(dir.resolve("strict-token")).trim();
    try (Console strict = Console.start(file.settings(), file.backends(), Map.of())) {
      Http strictHttp = new Http(strict.url());
      assertThat(strictHttp.get("/api/v1/policies").status()).isEqualTo(401);
      assertThat(strictHttp.get(API + "/shadows").status()).isEqualTo(401);
      assertThat(strictHttp.get("/api/v1/policies", s.token).status()).isEqualTo(401);
      assertThat(strictHttp.get(API + "/shadows", token).json().get("shadows")).isNotEmpty();
      assertThat(strictHttp.get("/health/live").status()).isEqualTo(200);
      assertThat(strictHttp.get("/metrics").status()).isEqualTo(200);
      Http.Response cors =
          strictHttp.send(
              java.net.http.HttpRequest.newBuilder(
                      java.net.URI.create(strict.url() + "/api/v1/policies"))
                  .header("Origin", "http://ui.example")
                  .GET(),
              token);
      assertThat(cors.header("Access-Control-Allow-Origin")).isEqualTo("http://ui.example");
      JsonNode doc = strictHttp.get("/openapi.json").json();
      assertThat(doc.get("paths").get("/api/v1/policies").get("get").has("security")).isTrue();
    }
  }

  /** The stack's connection keys as an operator would write them for ./chrono console --config. */
  private static Properties stackConfig() {
    CatalogSettings c = s.backends.catalog();
    Properties p = new Properties();
    p.setProperty("chrono.shadow.bootstrap-servers", s.backends.bootstrapServers());
    p.setProperty("chrono.shadow.registry-url", s.backends.registryUrl());
    p.setProperty("chrono.shadow.topic-prefix", s.backends.topics().prefix());
    p.setProperty("chrono.shadow.catalog.endpoint", c.endpoint().toString());
    p.setProperty("chrono.shadow.catalog.bucket", c.bucket());
    p.setProperty("chrono.shadow.catalog.access-key", c.accessKey());
    p.setProperty("chrono.shadow.catalog.secret-key", c.secretKey());
    p.setProperty("chrono.shadow.catalog.region", c.region());
    p.setProperty("chrono.shadow.catalog.jdbc-url", c.jdbcUrl());
    p.setProperty("chrono.shadow.catalog.jdbc-user", c.jdbcUser());
    p.setProperty("chrono.shadow.catalog.jdbc-password", c.jdbcPassword());
    p.setProperty("chrono.console.port", "0");
    return p;
  }

  /**
   * Every operation of /openapi.json, on a console whose reads need the token and on the default
   * one: the routes the code declares {@code PUBLIC} answer without a token, every other route
   * answers a JSON 401 without it, with a wrong one and with another scheme, and no 401 with it;
   * writes need it on both. Nothing under /api/ is public.
   */
  @Test
  @Order(3)
  void everyDocumentedRouteButThePublicOnesNeedsTheTokenWhenReadsDo() throws Exception {
    try (Console strict = Console.start(s.settings(true, List.of()), s.backends, Map.of())) {
      List<ApiRoute> routes = strict.server().routes();
      assertThat(routes)
          .filteredOn(r -> r.access() == Access.PUBLIC)
          .isNotEmpty()
          .allSatisfy(r -> assertThat(r.path()).doesNotStartWith("/api/"));
      assertThat(routes).anyMatch(r -> r.access() == Access.WRITE);
      AuthWalk walk = new AuthWalk(new RawHttp(strict.port()), s.token, WRONG_TOKEN);
      JsonNode doc = new Http(strict.url()).get("/openapi.json").json();
      assertThat(walk.run(doc, routes, true)).as("auth on " + strict.url()).isEmpty();
    }
    AuthWalk walk = new AuthWalk(new RawHttp(s.console.port()), s.token, WRONG_TOKEN);
    assertThat(walk.run(http.get("/openapi.json").json(), s.console.server().routes(), false))
        .as("auth on the default console")
        .isEmpty();
  }

  /**
   * A console configured with every secret it can have (bearer token, TLS keystore password, the S3
   * secret key and catalog JDBC password its backends were started with), started, called (a read,
   * failed auths, a token sent in the query, a refused write) and stopped: no log line — the
   * libraries' at INFO, ours at every level — nothing written to stdout or stderr, and no answer
   * contains any of them. Nor does any line logged since the stack started.
   */
  @Test
  @Order(3)
  void noSecretAppearsInAnyLogLineOutputOrAnswer() throws Exception {
    String token = "tok-secret-" + java.util.UUID.randomUUID();
    String keystorePassword = "ks-secret-" + java.util.UUID.randomUUID();
    Path keystore = SelfSignedKeystore.create(dir.resolve("secrets-console.p12"), keystorePassword);
    List<String> secrets =
        List.of(
            token,
            keystorePassword,
            ConsoleStack.S3_SECRET,
            ConsoleStack.POSTGRES_PASSWORD,
            s.token);
    assertThat(s.backends.catalog().secretKey()).isEqualTo(ConsoleStack.S3_SECRET);
    assertThat(s.backends.catalog().jdbcPassword()).isEqualTo(ConsoleStack.POSTGRES_PASSWORD);

    Properties p = stackConfig();
    p.setProperty("chrono.console.token", token);
    p.setProperty("chrono.console.auth.reads", "true");
    p.setProperty("chrono.console.tls.keystore", "secrets-console.p12");
    p.setProperty("chrono.console.tls.keystore-password", keystorePassword);

    CapturedOutput captured = CapturedOutput.start();
    List<String> answers = new ArrayList<>();
    try {
      ConsoleConfigFile file = ConsoleConfigFile.fromProperties(p, dir);
      try (Console console = Console.start(file.settings(), file.backends(), Map.of())) {
        assertThat(console.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
        Http https =
            new Http(console.url(), SelfSignedKeystore.trusting(keystore, keystorePassword));
        assertThat(console.url()).startsWith("https://");
        Http.Response ok = https.get("/api/v1/groups", token);
        assertThat(ok.status()).isEqualTo(200);
        answers.add(ok.body());
        for (String wrong : List.of(token + "x", token.substring(1), keystorePassword)) {
          Http.Response refused = https.get("/api/v1/groups", wrong);
          assertThat(refused.status()).isEqualTo(401);
          answers.add(refused.body());
        }
        Http.Response inQuery = https.get("/api/v1/groups?token=" + Http.q(token));
        assertThat(inQuery.status()).isEqualTo(401);
        answers.add(inQuery.body());
        Http.Response badWrite =
            https.put(
                "/api/v1/policies/zz-secrets",
                "{\"type\":\"fixed\",\"interval\":\"PT-1S\"}",
                token);
        assertThat(badWrite.status()).isEqualTo(400);
        answers.add(badWrite.body());
        answers.add(https.get("/health/ready").body());
      }
    } finally {
      captured.stop();
    }
    assertThat(captured.logLines())
        .as("the capture saw the console's own lines")
        .anyMatch(line -> line.contains("GET /api/v1/groups → 401"))
        .anyMatch(line -> line.contains("console started with"));
    assertThat(captured.output()).as("stdout carries the log lines").contains("console stopped");
    List<String> texts = new ArrayList<>(captured.logLines());
    texts.add(captured.output());
    texts.addAll(answers);
    synchronized (logs) {
      for (ILoggingEvent e : logs.list) {
        texts.add(CapturedOutput.text(e));
      }
    }
    List<String> leaks = new ArrayList<>();
    for (int i = 0; i < secrets.size(); i++) {
      for (String text : texts) {
        int at = text.indexOf(secrets.get(i));
        if (at >= 0) {
          // the line around it only: whole Kafka config dumps would bury it
          leaks.add(
              "secret #" + i + ": …" + text.substring(Math.max(0, at - 200), at) + "<SECRET>");
        }
      }
    }
    assertThat(leaks).as("texts containing a secret").isEmpty();
  }

  // ---- cuts made through the API --------------------------------------------------------------

  @Test
  @Order(4)
  void aRequestedShadowIsCutAtTheRequestedTimeAndCanBePolled() {
    // Changes just before the request make a manual cut; if a scheduled boundary happens to fall
    // between them and the request, the planner rightly answers "unchanged": try again.
    for (int attempt = 1; ; attempt++) {
      s.workload.runSteps(3);
      Http.Response r = http.post(API + "/shadow-requests", "", s.token);
      assertThat(r.status()).isEqualTo(202);
      String location = r.header("Location");
      Instant requestedAt = Instant.parse(r.json().get("requestedAt").asText());
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(http.get(location).json().get("status").asText())
                      .isNotEqualTo("pending"));
      JsonNode state = http.get(location).json();
      String shadowId = state.get("shadowId").asText();
      JsonNode shadow = http.get(API + "/shadows/" + shadowId).json();
      if (state.get("status").asText().equals("unchanged") && attempt < 3) {
        assertThat(Instant.parse(shadow.get("cutTime").asText())).isBefore(requestedAt);
        continue;
      }
      assertThat(state.get("status").asText()).isEqualTo("committed");
      manualShadows.add(shadowId);
      assertThat(Instant.parse(shadow.get("cutTime").asText())).isEqualTo(requestedAt);
      assertThat(shadow.get("announcement").get("trigger").asText()).isEqualTo("MANUAL");
      assertThat(shadow.get("announcement").get("requestIds").toString())
          .contains(r.json().get("requestId").asText());
      return;
    }
  }

  @Test
  @Order(5)
  void aPolicyChangedOverRestChangesTheNextCutAndDeletingItRestoresTheConfiguredOne()
      throws Exception {
    // Configured: fixed 3 s, so every scheduled cut is on a multiple of 3 s.
    assertThat(scheduledCuts()).isNotEmpty().allMatch(t -> t % 3000 == 0);
    AtomicBoolean running = new AtomicBoolean(true);
    Thread traffic =
        new Thread(
            () -> {
              while (running.get()) {
                s.workload.runSteps(1);
                try {
                  Thread.sleep(150); // paces the traffic; nothing waits on it
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    traffic.start();
    try {
      Instant changedAt = Instant.now();
      assertThat(
              http.put("/api/v1/policies/shop", "{\"type\":\"fixed\",\"interval\":\"2s\"}", s.token)
                  .status())
          .isIn(200, 201);
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(scheduledCuts())
                      .anyMatch(
                          t -> t > changedAt.toEpochMilli() && t % 2000 == 0 && t % 3000 != 0));

      Instant deletedAt = Instant.now();
      assertThat(http.delete("/api/v1/policies/shop", s.token).status()).isEqualTo(204);
      // The open 2 s bucket keeps its cut; the ones after it are on the 3 s grid again (5 s leave
      // the topology time to read the tombstone).
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                List<Long> after =
                    scheduledCuts().stream()
                        .filter(t -> t > deletedAt.toEpochMilli() + 5000)
                        .toList();
                assertThat(after).hasSizeGreaterThanOrEqualTo(2).allMatch(t -> t % 3000 == 0);
              });
    } finally {
      running.set(false);
      traffic.join();
    }
  }

  // ---- a late transaction ---------------------------------------------------------------------

  /**
   * A transaction whose commit time is before a closed cut (forged: the source's clock stepped
   * back) is not lost, but the shadow of that cut lacks it: the group's health turns degraded,
   * naming the transaction and the shadow, in this process (the topology knows at once) and in a
   * console that only reads the topics (once the next shadow announces it); a metric counts it.
   */
  @Test
  @Order(6)
  void aLateTransactionTurnsTheGroupDegradedNamingItAndTheShadowThatLacksIt() throws Exception {
    assertThat(http.get(API + "/health").json().get("status").asText()).isEqualTo("ok");
    // A shop transaction opens a bucket of the configured fixed 3 s grid; once a later commit (a
    // heartbeat's) has passed the bucket's end, its cut is closed, and a transaction stamped just
    // before that cut is late.
    LateTransactionForger forger = new LateTransactionForger(s.stack);
    s.workload.runSteps(5);
    long lastShopCommit = forger.lastCommitOfSchema("shop");
    long cut = (lastShopCommit / 3000 + 1) * 3000;
    String closed = ShadowIds.of(G, Instant.ofEpochMilli(cut));
    forger.awaitCommitAtOrAfter(cut);
    String txId = forger.publish("shop.customers", cut - 1);

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              JsonNode h = http.get(API + "/health").json();
              assertThat(h.get("status").asText()).isEqualTo("degraded");
              assertThat(h.get("topology").get("lateTransactions").asLong()).isEqualTo(1);
              assertThat(h.get("problems").toString())
                  .contains(txId)
                  .contains("is missing from " + closed);
            });
    try (Console topicsOnly = Console.start(s.settings(false, List.of()), s.backends, Map.of())) {
      Http remote = new Http(topicsOnly.url());
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                JsonNode h = remote.get(API + "/health").json();
                assertThat(h.get("status").asText()).isEqualTo("degraded");
                assertThat(h.get("lateTransactions").asLong()).isEqualTo(1);
              });
      assertThat(remote.get("/metrics").body())
          .contains("chrono_shadow_late_transactions_total{group=\"shop\"} 1.0");
    }
  }

  // ---- helpers --------------------------------------------------------------------------------

  /** Cut times (ms) of the group's shadows that the schedule made (not manual requests). */
  private static List<Long> scheduledCuts() {
    List<Long> cuts = new ArrayList<>();
    for (JsonNode shadow : http.get(API + "/shadows?limit=500").json().get("shadows")) {
      if (!manualShadows.contains(shadow.get("id").asText())) {
        cuts.add(Instant.parse(shadow.get("cutTime").asText()).toEpochMilli());
      }
    }
    return cuts;
  }

  /**
   * This console runs no prophet topology: the Prophet routes say so (503) once the request itself
   * is valid, reject bad input first, list no model, and refuse a training run (409).
   */
  @Test
  @Order(1)
  void prophetRoutesValidateTheirInputAndSayWhenNoProphetRuns() {
    assertError(http.get(API + "/forecast"), 400, "horizon");
    assertError(http.get(API + "/forecast?horizon=10m&at=2026-01-01T00:00:00Z"), 400, "horizon");
    assertError(http.get(API + "/forecast?horizon=soon"), 400, "horizon");
    assertError(http.get(API + "/forecast?horizon=10m&level=1.5"), 400, "level");
    assertError(http.get(API + "/forecast?horizon=10m&model=lstm"), 400, "model");
    assertError(http.get(API + "/granger?maxLag=0"), 400, "maxLag");
    assertError(http.get(API + "/impact?at=2026-01-01T00:00:00Z"), 400, "series");
    assertError(http.get(API + "/impact?series=shop/shop.orders/rows"), 400, "at");
    assertError(http.get("/api/v1/groups/Not_A_Group/forecast?horizon=10m"), 400, "group");
    Http.Response unavailable = http.get(API + "/forecast?horizon=10m");
    assertError(unavailable, 503, null);
    assertThat(unavailable.json().get("code").asText()).isEqualTo("prophet_unavailable");

    JsonNode models = http.get("/api/v1/models").json();
    assertThat(models.get("versions")).isEmpty();
    assertThat(models.get("serving")).isEmpty();
    assertThat(http.post(API + "/models/training", "", null).status()).isEqualTo(401);
    Http.Response train = http.post(API + "/models/training", "", s.token);
    assertError(train, 409, null);
    assertThat(train.json().get("code").asText()).isEqualTo("learning_disabled");
  }

  private static void assertError(Http.Response r, int status, String field) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    JsonNode body = r.json();
    assertThat(body.get("code").asText()).isNotBlank();
    assertThat(body.get("message").asText())
        .isNotBlank()
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
    if (field != null) {
      assertThat(body.get("field").asText()).as(r.body()).isEqualTo(field);
    }
  }

  private static List<String> allPages(String path) {
    List<String> rows = new ArrayList<>();
    String token = null;
    do {
      JsonNode page = http.get(path + (token == null ? "" : "&pageToken=" + Http.q(token))).json();
      page.get("rows").forEach(r -> rows.add(r.toString()));
      token = page.get("nextPageToken").isNull() ? null : page.get("nextPageToken").asText();
    } while (token != null);
    return rows;
  }

  private static List<String> oracleRows(String table, String shadow, ReadOptions options) {
    return sortedOracle(table, shadow, options).stream().map(r -> Json.row(r).toString()).toList();
  }

  /** The oracle: ShadowReader's rows at the shadow, in key order. */
  private static List<Map<String, Object>> sortedOracle(
      String table, String shadow, ReadOptions options) {
    List<Map<String, Object>> rows =
        new ArrayList<>(s.reader.rowsAt(s.table(table), shadow, options).rows());
    rows.sort(byKey(keyColumns(table)));
    return rows;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Comparator<Map<String, Object>> byKey(List<String> keyColumns) {
    return (a, b) -> {
      for (String k : keyColumns) {
        int c = ((Comparable) a.get(k)).compareTo(b.get(k));
        if (c != 0) {
          return c;
        }
      }
      return 0;
    };
  }

  private static List<String> keyColumns(String table) {
    return IcebergSchemas.keyColumns(
        s.catalog.catalog().loadTable(s.table(table).identifier()).schema());
  }

  private static Set<String> sourceKeys(String table) throws Exception {
    String keys =
        table.equals("order_lines")
            ? "order_id || '/' || line_no"
            : (table.equals("customers")
                    ? "customer_id"
                    : table.equals("products")
                        ? "product_id"
                        : table.equals("orders") ? "order_id" : "payment_id")
                + "::text";
    Set<String> out = new HashSet<>();
    try (Connection c = s.stack.postgres().sourceDataSource().getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT " + keys + " FROM shop." + table)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static Set<String> shadowKeys(String table, String shadow) {
    List<String> keyColumns = keyColumns(table);
    Set<String> keys = new HashSet<>();
    for (Map<String, Object> row :
        s.reader.rowsAt(s.table(table), shadow, ReadOptions.ALL).rows()) {
      keys.add(String.join("/", keyColumns.stream().map(k -> String.valueOf(row.get(k))).toList()));
    }
    return keys;
  }

  private static JsonNode table(JsonNode shadow, String name) {
    for (JsonNode t : shadow.get("tables")) {
      if (t.get("table").asText().equals(name)) {
        return t;
      }
    }
    throw new AssertionError("no table " + name + " in " + shadow);
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.toString()));
    return out;
  }

  private static JsonNode parse(String json) {
    try {
      return Http.JSON.readTree(json);
    } catch (Exception e) {
      throw new AssertionError(json, e);
    }
  }

  private static ShadowRef last(List<ShadowRef> shadows) {
    return shadows.get(shadows.size() - 1);
  }

  private static void produce(String topic, byte[] key, byte[] value) throws Exception {
    Map<String, Object> config =
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, s.stack.bootstrapServers());
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    }
  }

  // ---- fuzz -----------------------------------------------------------------------------------

  /**
   * Last, on the same stack: 1,500 malformed requests over every route of the OpenAPI document
   * (seeded; a failure's log line has the seed and index). No 5xx — but the Prophet's documented
   * 503 of a console without a prophet — and every error is the JSON body; the probes and a cheap
   * read still answer afterwards.
   */
  @Test
  @Order(100)
  void malformedRequestsOverEveryDocumentedRouteGetJsonErrorsAndNo5xx() throws Exception {
    JsonNode doc = http.get("/openapi.json").json();
    var fuzzer =
        new io.chronoshadow.console.http.ApiFuzzer(
            new io.chronoshadow.console.http.RawHttp(s.console.port()),
            doc,
            s.token,
            List.of("prophet_unavailable"));
    assertThat(fuzzer.operations()).isEqualTo(s.console.server().registeredEndpoints().size());
    long seed = Long.getLong("chrono.fuzz.seed", 17L);
    assertThat(fuzzer.run(seed, 1_500)).as("fuzz failures, seed " + seed).isEmpty();

    assertThat(http.get("/health/live").status()).isEqualTo(200);
    assertThat(http.get("/api/v1/groups").status()).isEqualTo(200);
    assertThat(http.get(API + "/shadows?limit=1").status()).isEqualTo(200);
  }
}

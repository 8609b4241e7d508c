package io.chronoshadow.console.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chronoshadow.console.auth.BearerAuth;
import io.chronoshadow.console.metrics.ConsoleMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The expensive routes run within their budget: a client over its concurrent queries gets 429 with
 * Retry-After, a query past its deadline gets 503 while its worker is cut off, and the cheap routes
 * keep answering throughout.
 */
class ExpensiveQueriesTest {

  /** Entered by every expensive call; released by the test. Ignores interrupts like a hot loop. */
  final Semaphore entered = new Semaphore(0);

  final CountDownLatch release = new CountDownLatch(1);
  ConsoleServer server;
  RawHttp http;

  void start(QueryBudget budget) {
    List<ApiRoute> routes =
        List.of(
            ApiRoute.get("/cheap").handle(ctx -> Json.respond(ctx, 200, Json.object())),
            ApiRoute.get("/stream")
                .expensive()
                .produces("text/csv")
                .handle(
                    ctx -> {
                      ctx.contentType("text/csv");
                      var out = ctx.outputStream();
                      for (int i = 0; i < 1000; i++) {
                        out.write(("row " + i + "\n").getBytes(StandardCharsets.UTF_8));
                      }
                      out.flush();
                    }),
            ApiRoute.get("/expensive")
                .expensive()
                .handle(
                    ctx -> {
                      entered.release();
                      awaitUninterruptibly(release);
                      Json.respond(ctx, 200, Json.object().put("done", true));
                    }));
    server =
        new ConsoleServer(
                "127.0.0.1",
                0,
                List.of(),
                new BearerAuth("t", false),
                new ConsoleMetrics(),
                budget,
                routes)
            .start();
    http = new RawHttp(server.port());
  }

  static void awaitUninterruptibly(CountDownLatch latch) {
    while (true) {
      try {
        if (latch.await(60, TimeUnit.SECONDS)) {
          return;
        }
        throw new IllegalStateException("the test never released the query");
      } catch (InterruptedException ignored) {
        // a hot loop would not notice an interrupt either
      }
    }
  }

  @AfterEach
  void stop() {
    release.countDown();
    if (server != null) {
      server.close();
    }
  }

  CompletableFuture<RawHttp.Response> async(String path) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return http.get(path);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
  }

  @Test
  void aClientOverItsConcurrentQueriesGets429AndCheapRoutesStillAnswer() throws Exception {
    start(new QueryBudget(4, 2, Duration.ofMinutes(1)));
    CompletableFuture<RawHttp.Response> first = async("/expensive");
    CompletableFuture<RawHttp.Response> second = async("/expensive");
    assertThat(entered.tryAcquire(2, 30, TimeUnit.SECONDS)).isTrue();

    RawHttp.Response third = http.get("/expensive");
    assertThat(third.status()).isEqualTo(429);
    assertThat(third.header("retry-after")).isEqualTo("1");
    JsonNode error = Json.MAPPER.readTree(third.body());
    assertThat(error.get("code").asText()).isEqualTo("too_many_queries");
    assertThat(http.get("/cheap").status()).isEqualTo(200);

    release.countDown();
    assertThat(first.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
    assertThat(second.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
    assertThat(http.get("/expensive").status()).isEqualTo(200);
  }

  @Test
  void aQueryPastItsDeadlineIs503AndKeepsItsPermitUntilItsWorkEnds() throws Exception {
    start(new QueryBudget(1, 1, Duration.ofMillis(500)));
    long t0 = System.nanoTime();
    RawHttp.Response late = http.get("/expensive");
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    assertThat(late.status()).as(late.body()).isEqualTo(503);
    assertThat(Json.MAPPER.readTree(late.body()).get("code").asText())
        .isEqualTo("deadline_exceeded");
    assertThat(took).isBetween(Duration.ofMillis(450), Duration.ofSeconds(10));
    assertThat(late.body()).doesNotContain("\"done\"");

    // the runaway still works (it ignores interrupts): it counts against its client…
    assertThat(http.get("/expensive").status()).isEqualTo(429);
    // …while cheap routes answer
    assertThat(http.get("/cheap").status()).isEqualTo(200);

    release.countDown();
    // its work over, the client may query again; the abandoned worker wrote nothing anywhere
    await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/expensive").status() == 200);
  }

  @Test
  void aStreamedAnswerGoesThroughTheWorkerWhole() throws Exception {
    start(QueryBudget.DEFAULTS);
    RawHttp.Response csv = http.get("/stream");
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.body().lines()).hasSize(1000).endsWith("row 999");
  }

  @Test
  void theBudgetIsConfigurable() {
    var file =
        io.chronoshadow.console.app.ConsoleConfigFile.fromProperties(
            props(
                Map.of(
                    "chrono.console.queries.max-concurrent", "3",
                    "chrono.console.queries.max-per-client", "1",
                    "chrono.console.queries.deadline", "5s",
                    "chrono.console.forecast.max-steps", "77")),
            null);
    assertThat(file.settings().budget()).isEqualTo(new QueryBudget(3, 1, Duration.ofSeconds(5)));
    assertThat(file.settings().limits().maxForecastSteps()).isEqualTo(77);
  }

  static java.util.Properties props(Map<String, String> extra) {
    java.util.Properties p = new java.util.Properties();
    p.setProperty("chrono.shadow.bootstrap-servers", "127.0.0.1:1");
    p.setProperty("chrono.shadow.registry-url", "http://127.0.0.1:1");
    p.setProperty("chrono.shadow.topic-prefix", "demo");
    p.setProperty("chrono.shadow.catalog.endpoint", "http://127.0.0.1:1");
    p.setProperty("chrono.shadow.catalog.bucket", "chrono-test");
    p.setProperty("chrono.shadow.catalog.access-key", "access");
    p.setProperty("chrono.shadow.catalog.secret-key", "secret");
    p.setProperty("chrono.shadow.catalog.jdbc-url", "jdbc:postgresql://127.0.0.1:1/c");
    p.setProperty("chrono.shadow.catalog.jdbc-user", "u");
    p.setProperty("chrono.shadow.catalog.jdbc-password", "p");
    p.setProperty("chrono.console.token", "t");
    p.putAll(extra);
    return p;
  }
}

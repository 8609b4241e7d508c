package io.chronoshadow.console.app;

import static org.awaitility.Awaitility.await;

import io.chronoshadow.devstack.workload.WorkloadConfig;
import io.chronoshadow.shadow.policy.FixedBucketPolicy;
import io.chronoshadow.shadow.read.ReadOptions;
import io.chronoshadow.shadow.read.ShadowRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * On-demand benchmark (not a test): query latency of the console over HTTP on the embedded stack —
 * a point-in-time read of a 100k-row table (CSV, streamed; and the first JSON page in key order)
 * and the diff of two shadows (10% of the rows changed) — each beside its baseline, the same read
 * through {@code ShadowReader} in-process, measured in the same run. Run from the repository root:
 *
 * <pre>
 * ./mvnw -o -q -pl console -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
 *     -Dmdep.outputFile=$PWD/console/target/bench.cp -Dspotless.check.skip=true &amp;&amp; \
 * AWS_EC2_METADATA_DISABLED=true java -Dchrono.registry.jar=registry-app/target/apicurio-registry-runner.jar \
 *     -cp console/target/classes:console/target/test-classes:$(cat console/target/bench.cp) \
 *     io.chronoshadow.console.app.ConsoleQueryBench [rows=100000] [iterations=20]
 * </pre>
 */
public final class ConsoleQueryBench {

  private ConsoleQueryBench() {}

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    Path dir = Files.createTempDirectory("chrono-console-bench");
    ((ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
        .setLevel(ch.qos.logback.classic.Level.WARN);
    try (ConsoleStack s =
        new ConsoleStack(
            dir,
            WorkloadConfig.builder().customers(rows).products(50).build(),
            FixedBucketPolicy.of(Duration.ofSeconds(2)))) {
      String table = "shop__customers";
      // The baseline shadow (the initial snapshot) is cut once transactions start to flow.
      s.workload.runSteps(5);
      await()
          .atMost(Duration.ofMinutes(5))
          .until(
              () ->
                  !s.catalog.catalog().tableExists(s.table(table).identifier())
                      ? false
                      : !s.shadowsOf(table).isEmpty());
      String from = s.shadowsOf(table).get(0).shadowId();
      int changed = rows / 10;
      try (Connection c = s.stack.postgres().sourceDataSource().getConnection();
          Statement st = c.createStatement()) {
        st.executeUpdate(
            "UPDATE shop.customers SET loyalty_points = loyalty_points + 1 WHERE customer_id % 10 = 0");
      }
      await()
          .atMost(Duration.ofMinutes(5))
          .until(
              () -> {
                List<ShadowRef> shadows = s.shadowsOf(table);
                String last = shadows.get(shadows.size() - 1).shadowId();
                return !last.equals(from)
                    && s.reader.diff(s.table(table), from, last).changed().size() == changed;
              });
      List<ShadowRef> shadows = s.shadowsOf(table);
      String to = shadows.get(shadows.size() - 1).shadowId();
      String base = s.console.url() + "/api/v1/groups/shop/tables/" + table;
      HttpClient client = HttpClient.newHttpClient();

      List<String[]> out = new ArrayList<>();
      long[] readBaseline =
          measure(
              iterations, () -> s.reader.rowsAt(s.table(table), to, ReadOptions.ALL).rows().size());
      long[] csv =
          measure(iterations, () -> lines(client, base + "/rows?format=csv&shadow=" + to) - 1);
      long[] page =
          measure(iterations, () -> lines(client, base + "/rows?limit=1000&shadow=" + to));
      long[] diffBaseline =
          measure(iterations, () -> s.reader.diff(s.table(table), from, to).changed().size());
      long[] diff =
          measure(
              iterations,
              () -> lines(client, base + "/diff?limit=1000&from=" + from + "&to=" + to));
      out.add(
          row(
              "read " + rows + " rows, ShadowReader in-process (baseline)",
              readBaseline,
              readBaseline));
      out.add(row("read " + rows + " rows, GET rows?format=csv (streamed)", csv, readBaseline));
      out.add(row("first JSON page (1000 rows in key order) of " + rows, page, readBaseline));
      out.add(
          row(
              "diff, " + changed + " changed rows, ShadowReader (baseline)",
              diffBaseline,
              diffBaseline));
      out.add(
          row("diff, " + changed + " changed rows, GET diff (1000 per list)", diff, diffBaseline));
      System.out.printf(
          "%n%-62s %10s %10s %12s%n",
          "query (" + iterations + " runs each)", "p50 ms", "p99 ms", "p50/baseline");
      for (String[] r : out) {
        System.out.printf("%-62s %10s %10s %12s%n", (Object[]) r);
      }
    }
  }

  private static String[] row(String name, long[] nanos, long[] baseline) {
    return new String[] {
      name,
      String.format("%.1f", percentile(nanos, 0.50) / 1e6),
      String.format("%.1f", percentile(nanos, 0.99) / 1e6),
      String.format("%.2f", (double) percentile(nanos, 0.50) / percentile(baseline, 0.50))
    };
  }

  /**
   * Runs {@code query} twice to warm up, then {@code n} times; each must return a non-zero count.
   */
  private static long[] measure(int n, LongSupplier query) {
    for (int i = 0; i < 2; i++) {
      query.getAsLong();
    }
    long[] nanos = new long[n];
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      long count = query.getAsLong();
      nanos[i] = System.nanoTime() - t0;
      if (count <= 0) {
        throw new IllegalStateException("query returned nothing");
      }
    }
    return nanos;
  }

  private static long percentile(long[] values, double q) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  /** GETs the URL, reads the whole body and counts its lines (a JSON body is one line). */
  private static long lines(HttpClient client, String url) {
    try {
      HttpResponse<InputStream> r =
          client.send(
              HttpRequest.newBuilder(URI.create(url)).GET().build(),
              HttpResponse.BodyHandlers.ofInputStream());
      if (r.statusCode() != 200) {
        throw new IllegalStateException(url + " answered " + r.statusCode());
      }
      long lines = 0;
      byte[] buffer = new byte[1 << 16];
      try (InputStream in = r.body()) {
        for (int n; (n = in.read(buffer)) > 0; ) {
          for (int i = 0; i < n; i++) {
            if (buffer[i] == '\n') {
              lines++;
            }
          }
        }
      }
      return Math.max(lines, 1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

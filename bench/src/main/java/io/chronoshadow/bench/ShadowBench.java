package io.chronoshadow.bench;

import io.chronoshadow.schemas.contract.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shadow topology's benchmarks, run on demand ({@code bench/run}, see bench/README.md): starts
 * the embedded stack, runs the chosen benchmarks and prints one table each. Not a test: nothing
 * here passes or fails, the targets are printed beside the figures.
 *
 * <pre>
 * bench/run [only=ingest,freshness,storage] [events=200000] [shadows=10] [events-per-tx=100]
 *           [peer-commit-ms=2000]
 *           [fresh-seconds=60] [fresh-interval=5s] [fresh-rate=20]
 *           [rows=100000] [storage-shadows=100] [changes=1000]
 * bench/run only=tables [tables=1,5,10,25,50] [tables-shadows=10] [tables-rows=300]
 * bench/run only=overload [overload-rate=200] [overload-seconds=600] [overload-base-seconds=180]
 *           [overload-sample=2s] [overload-policy=…] [overload-check=20]
 * </pre>
 */
public final class ShadowBench {

  private ShadowBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("only", "ingest,freshness,storage");
    options.put("events", "200000");
    options.put("shadows", "10");
    options.put("events-per-tx", "100");
    // The peer (Iceberg Kafka Connect sink) in the ingest benchmark: its commit interval; 0 = off.
    options.put("peer-commit-ms", "2000");
    options.put("fresh-seconds", "60");
    options.put("fresh-interval", "5s");
    options.put("fresh-rate", "20");
    options.put("rows", "100000");
    options.put("storage-shadows", "100");
    options.put("changes", "1000");
    // On demand only: commit time per shadow of groups of N tables.
    options.put("tables", "1,5,10,25,50");
    options.put("tables-shadows", "10");
    options.put("tables-rows", "300");
    // On demand only (not in the default "only"): about 15 minutes with the defaults.
    options.put("overload-rate", "200");
    options.put("overload-seconds", "600");
    options.put("overload-base-seconds", "180");
    options.put("overload-sample", "2s");
    options.put(
        "overload-policy",
        "{\"type\":\"adaptive\",\"min\":\"PT10S\",\"max\":\"PT2M\",\"targetChanges\":2000}");
    options.put("overload-check", "20");
    for (String arg : args) {
      int eq = arg.indexOf('=');
      String key = eq < 0 ? arg : arg.substring(0, eq);
      if (eq < 0 || !options.containsKey(key)) {
        System.err.println("usage: bench/run " + String.join(" ", usage(options)));
        System.exit(2);
      }
      options.put(key, arg.substring(eq + 1));
    }
    Set<String> only = Set.of(options.get("only").split(","));
    int shadows = Integer.parseInt(options.get("shadows"));
    int perTx = Integer.parseInt(options.get("events-per-tx"));
    // Whole transactions per shadow: events rounded to a multiple of shadows × events-per-tx.
    int events = Integer.parseInt(options.get("events")) / (shadows * perTx) * (shadows * perTx);
    double rate = Double.parseDouble(options.get("fresh-rate"));
    Duration interval =
        Durations.parse(options.get("fresh-interval"))
            .orElseThrow(() -> new IllegalArgumentException("fresh-interval: not a duration"));

    System.out.println("chrono-shadow bench: " + options);
    System.out.println(
        "machine: "
            + Runtime.getRuntime().availableProcessors()
            + " cores, max heap "
            + Runtime.getRuntime().maxMemory() / 1024 / 1024
            + " MiB, Java "
            + System.getProperty("java.version"));
    List<Report> reports = new ArrayList<>();
    long t0 = System.nanoTime();
    try (BenchStack bench = BenchStack.start(rate, only.contains("overload"))) {
      System.out.printf("stack up in %.1f s%n", (System.nanoTime() - t0) / 1e9);
      if (only.contains("ingest")) {
        reports.add(
            IngestBench.run(
                bench, events, shadows, perTx, Long.parseLong(options.get("peer-commit-ms"))));
        reports.get(reports.size() - 1).print(System.out);
      }
      if (only.contains("tables")) {
        reports.add(
            TablesBench.run(
                bench,
                Arrays.stream(options.get("tables").split(",")).map(Integer::valueOf).toList(),
                Integer.parseInt(options.get("tables-shadows")),
                Integer.parseInt(options.get("tables-rows"))));
        reports.get(reports.size() - 1).print(System.out);
      }
      if (only.contains("storage")) {
        for (Report r :
            StorageReadBench.run(
                bench,
                Integer.parseInt(options.get("rows")),
                Integer.parseInt(options.get("storage-shadows")),
                Integer.parseInt(options.get("changes")))) {
          reports.add(r);
          r.print(System.out);
        }
      }
      if (only.contains("freshness")) {
        reports.add(
            FreshnessBench.run(
                bench,
                Duration.ofSeconds(Long.parseLong(options.get("fresh-seconds"))),
                interval,
                rate));
        reports.get(reports.size() - 1).print(System.out);
      }
      if (only.contains("overload")) {
        double overloadRate = Double.parseDouble(options.get("overload-rate"));
        reports.add(
            OverloadBench.run(
                bench,
                new OverloadBench.Options(
                    overloadRate,
                    overloadRate / 10,
                    Duration.ofSeconds(Long.parseLong(options.get("overload-seconds"))),
                    Duration.ofSeconds(Long.parseLong(options.get("overload-base-seconds"))),
                    duration(options, "overload-sample"),
                    options.get("overload-policy"),
                    Integer.parseInt(options.get("overload-check")))));
        reports.get(reports.size() - 1).print(System.out);
      }
    }
    System.out.println();
    System.out.println("==================== summary ====================");
    reports.forEach(r -> r.print(System.out));
    System.out.printf("%nbench done in %.0f s%n", (System.nanoTime() - t0) / 1e9);
    System.exit(0);
  }

  private static Duration duration(Map<String, String> options, String key) {
    return Durations.parse(options.get(key))
        .orElseThrow(() -> new IllegalArgumentException(key + ": not a duration"));
  }

  private static List<String> usage(Map<String, String> defaults) {
    List<String> out = new ArrayList<>();
    defaults.forEach((k, v) -> out.add("[" + k + "=" + v + "]"));
    return out;
  }
}

package io.chronoshadow.console.app;

import io.chronoshadow.console.auth.ConsoleToken;
import io.chronoshadow.console.http.QueryBudget;
import io.chronoshadow.console.http.TlsKeystore;
import io.chronoshadow.console.query.QueryLimits;
import io.chronoshadow.schemas.contract.Durations;
import io.chronoshadow.shadow.app.ShadowStreamsConfig;
import io.chronoshadow.shadow.catalog.CatalogSettings;
import io.chronoshadow.shadow.topology.ShadowTopics;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The console's properties file ({@code ./chrono console --config FILE}). The Kafka, registry,
 * topic and catalog keys are those of shadow-streams ({@code chrono.shadow.*}), so one file can
 * serve both processes; the console's own keys are {@code chrono.console.*}:
 *
 * <pre>
 * chrono.shadow.bootstrap-servers=kafka:9092
 * chrono.shadow.registry-url=http://registry:8081/apis/ccompat/v7
 * chrono.shadow.topic-prefix=demo                   (Debezium's topic.prefix)
 * chrono.shadow.topic.{policies,requests,shadows,stats,dlq}=…   (optional overrides)
 * chrono.shadow.catalog.{endpoint,bucket,access-key,secret-key,region,jdbc-url,jdbc-user,
 *                        jdbc-password,name}=…
 * chrono.console.host=127.0.0.1                      (optional)
 * chrono.console.port=8470                           (optional)
 * chrono.console.token-file=/etc/chrono/console-token   (or chrono.console.token=…; one is required)
 * chrono.console.auth.reads=false                    (optional: true = reads need the token too)
 * chrono.console.cors.allowed-origins=               (optional, comma-separated; empty = CORS off)
 * chrono.console.max-page-size=1000                  (optional)
 * chrono.console.max-csv-rows=1000000                (optional)
 * chrono.console.max-diff-rows=100000                (optional)
 * chrono.console.topic.pins=chrono.pins              (optional)
 * chrono.console.tls.keystore=/etc/chrono/console.p12   (optional: PKCS12; the port serves HTTPS only)
 * chrono.console.tls.keystore-password=…             (required with a keystore)
 * chrono.console.tls.key-password=…                  (optional; default: the keystore's)
 * chrono.console.tls.enabled=true                    (optional; default: true with a keystore)
 * </pre>
 *
 * Every problem is reported at once, each naming its key; secrets are never part of a message.
 */
public record ConsoleConfigFile(ConsoleSettings settings, ConsoleBackends backends) {

  public static final String PREFIX = "chrono.console.";

  public static ConsoleConfigFile load(Path file) {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      p.load(in);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("--config " + file + " does not exist");
    } catch (IOException e) {
      throw new IllegalArgumentException("--config " + file + " cannot be read: " + e.getMessage());
    }
    return fromProperties(p, file.toAbsolutePath().getParent());
  }

  /** Reads the keys above; a relative token file is resolved against {@code baseDir}. */
  public static ConsoleConfigFile fromProperties(Properties p, Path baseDir) {
    List<String> problems = new ArrayList<>();
    String kafka = required(p, ShadowStreamsConfig.Keys.BOOTSTRAP_SERVERS, problems);
    String registry = required(p, ShadowStreamsConfig.Keys.REGISTRY_URL, problems);
    String prefix = required(p, ShadowStreamsConfig.Keys.TOPIC_PREFIX, problems);
    CatalogSettings catalog = ShadowStreamsConfig.catalogFromProperties(p, problems);
    int port = integer(p, PREFIX + "port", ConsoleSettings.DEFAULT_PORT, 0, 65535, problems);
    int page = integer(p, PREFIX + "max-page-size", 1_000, 1, 100_000, problems);
    int csv = integer(p, PREFIX + "max-csv-rows", 1_000_000, 1, 100_000_000, problems);
    int diff = integer(p, PREFIX + "max-diff-rows", 100_000, 1, 10_000_000, problems);
    int forecastSteps =
        integer(
            p,
            PREFIX + "forecast.max-steps",
            QueryLimits.DEFAULT_FORECAST_STEPS,
            1,
            1_000_000,
            problems);
    int concurrent =
        integer(
            p,
            PREFIX + "queries.max-concurrent",
            QueryBudget.DEFAULTS.maxConcurrent(),
            1,
            1_000,
            problems);
    int perClient =
        integer(
            p,
            PREFIX + "queries.max-per-client",
            QueryBudget.DEFAULTS.maxPerClient(),
            1,
            1_000,
            problems);
    Duration deadline = deadline(p, problems);
    String reads = p.getProperty(PREFIX + "auth.reads", "false").trim();
    if (!reads.equals("true") && !reads.equals("false")) {
      problems.add(PREFIX + "auth.reads must be true or false (was " + reads + ")");
    }
    String token = p.getProperty(PREFIX + "token");
    String tokenFile = p.getProperty(PREFIX + "token-file");
    if ((token == null || token.isBlank()) == (tokenFile == null || tokenFile.isBlank())) {
      problems.add(
          "give exactly one of "
              + PREFIX
              + "token and "
              + PREFIX
              + "token-file (a file readable only by the console is safer)");
    }
    TlsKeystore tls = tls(p, baseDir, problems);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid console config: " + String.join("; ", problems));
    }
    if (token == null || token.isBlank()) {
      Path path = Path.of(tokenFile.trim());
      token = ConsoleToken.readOrCreate(baseDir == null ? path : baseDir.resolve(path));
    }
    List<String> origins =
        Arrays.stream(p.getProperty(PREFIX + "cors.allowed-origins", "").split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .toList();
    ShadowTopics topics = ShadowStreamsConfig.topicsFromProperties(prefix, p);
    return new ConsoleConfigFile(
        new ConsoleSettings(
            p.getProperty(PREFIX + "host", ConsoleSettings.DEFAULT_HOST).trim(),
            port,
            token.trim(),
            reads.equals("true"),
            origins,
            new QueryLimits(page, csv, diff, forecastSteps),
            new QueryBudget(concurrent, perClient, deadline),
            tls),
        new ConsoleBackends(
            kafka, registry, catalog, topics, p.getProperty(PREFIX + "topic.pins")));
  }

  /** The keystore when TLS is on (null when off), opened now so a bad one stops the start. */
  private static TlsKeystore tls(Properties p, Path baseDir, List<String> problems) {
    String enabledKey = PREFIX + "tls.enabled";
    String storeKey = PREFIX + "tls.keystore";
    String passwordKey = PREFIX + "tls.keystore-password";
    String store = p.getProperty(storeKey, "").trim();
    String enabled = p.getProperty(enabledKey, store.isEmpty() ? "false" : "true").trim();
    if (!enabled.equals("true") && !enabled.equals("false")) {
      problems.add(enabledKey + " must be true or false (was " + enabled + ")");
      return null;
    }
    if (enabled.equals("false")) {
      return null;
    }
    if (store.isEmpty()) {
      problems.add(enabledKey + "=true needs " + storeKey + " (a PKCS12 file)");
      return null;
    }
    // Passwords are not trimmed: a space may be part of one.
    String password = p.getProperty(passwordKey);
    if (password == null || password.isEmpty()) {
      problems.add(storeKey + " needs " + passwordKey);
      return null;
    }
    String keyPassword = p.getProperty(PREFIX + "tls.key-password");
    Path path = baseDir == null ? Path.of(store) : baseDir.resolve(store);
    try {
      return TlsKeystore.open(
          path, password.toCharArray(), keyPassword == null ? null : keyPassword.toCharArray());
    } catch (IllegalArgumentException e) {
      problems.add(storeKey + ": " + e.getMessage());
      return null;
    }
  }

  private static Duration deadline(Properties p, List<String> problems) {
    String key = PREFIX + "queries.deadline";
    String text = p.getProperty(key);
    if (text == null || text.isBlank()) {
      return QueryBudget.DEFAULTS.deadline();
    }
    Optional<Duration> d;
    try {
      d = Durations.parse(text.trim());
    } catch (ArithmeticException | NumberFormatException e) {
      d = Optional.empty();
    }
    if (d.isPresent()
        && !d.get().isNegative()
        && !d.get().isZero()
        && d.get().compareTo(Duration.ofHours(1)) <= 0) {
      return d.get();
    }
    problems.add(key + " must be a duration from 1ms to 1h, e.g. 30s or PT30S (was " + text + ")");
    return QueryBudget.DEFAULTS.deadline();
  }

  private static String required(Properties p, String key, List<String> problems) {
    String value = p.getProperty(key);
    if (value == null || value.isBlank()) {
      problems.add(key + " is required");
      return null;
    }
    return value.trim();
  }

  private static int integer(
      Properties p, String key, int fallback, int min, int max, List<String> problems) {
    String text = p.getProperty(key);
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text.trim());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(key + " must be a whole number in " + min + "-" + max + " (was " + text + ")");
    return fallback;
  }
}

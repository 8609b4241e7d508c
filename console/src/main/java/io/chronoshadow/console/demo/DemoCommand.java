package io.chronoshadow.console.demo;

import io.chronoshadow.console.app.ConsoleSettings;
import io.chronoshadow.devstack.DevStackConfig;
import io.chronoshadow.devstack.workload.WorkloadConfig;
import io.chronoshadow.shadow.policy.BucketPolicy;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code chrono demo}: the whole system on the embedded default, in this JVM, until Ctrl-C or
 * SIGTERM.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Starts the embedded default on 127.0.0.1 — Kafka (KRaft), PostgreSQL, an S3-compatible"
          + " store, the schema registry and Debezium capture — the shadow topology cutting the shop"
          + " tables into Iceberg shadows, and the demo shop workload; prints"
          + " every endpoint, and runs until Ctrl-C or SIGTERM, then stops everything.",
      "While it runs, type 'inject <anomaly>', 'status' or 'quit' on standard input.",
      ""
    })
public final class DemoCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Holds all state; a restart on it resumes (default: ${DEFAULT-VALUE}).")
  Path dataDir = DevStackConfig.DEFAULT_DATA_DIR;

  @Option(
      names = "--kafka-port",
      description = "Kafka listener port, 0 = any free port (default: ${DEFAULT-VALUE}).")
  int kafkaPort = DevStackConfig.DEFAULT_KAFKA_PORT;

  @Option(
      names = "--postgres-port",
      description = "PostgreSQL port, 0 = any free port (default: ${DEFAULT-VALUE}).")
  int postgresPort = DevStackConfig.DEFAULT_POSTGRES_PORT;

  @Option(
      names = "--s3-port",
      description = "S3-compatible store port, 0 = any free port (default: ${DEFAULT-VALUE}).")
  int s3Port = DevStackConfig.DEFAULT_S3_PORT;

  @Option(
      names = "--registry-port",
      description = "Schema registry port, 0 = any free port (default: ${DEFAULT-VALUE}).")
  int registryPort = DevStackConfig.DEFAULT_REGISTRY_PORT;

  @Option(
      names = "--topic-prefix",
      description = "Prefix of the change topics (default: ${DEFAULT-VALUE}).")
  String topicPrefix = DevStackConfig.DEFAULT_TOPIC_PREFIX;

  @Option(
      names = "--seed",
      description = "Seed of the workload; the same seed gives the same transactions.")
  Long seed;

  @Option(
      names = "--rate",
      paramLabel = "TX_PER_S",
      description = "Mean transactions per second of the workload, before the daily cycle.")
  Double rate;

  @Option(
      names = "--day-length",
      paramLabel = "DURATION",
      description = "Wall time of one compressed business day, ISO-8601 (e.g. PT10M).")
  Duration dayLength;

  @Option(
      names = "--workload-config",
      paramLabel = "FILE",
      description =
          "Properties file of chrono.workload.* keys (anomaly sizes, bursts…); the options above"
              + " override it.")
  Path workloadConfigFile;

  @Option(
      names = "--policy",
      paramLabel = "JSON",
      description =
          "Bucket policy of the shop group, e.g. {\"type\":\"fixed\",\"interval\":\"PT1M\"}"
              + " (default: ${DEFAULT-VALUE}).")
  String policy = DemoShadows.DEFAULT_POLICY;

  @Option(
      names = "--analysis-step",
      paramLabel = "DURATION",
      description =
          "The prophet's analysis step, ISO-8601, PT1S to PT1H; its warm-up is 30 steps"
              + " (default: PT5S).")
  Duration analysisStep = DemoProphet.DEFAULT_STEP;

  @Option(names = "--no-shadows", description = "Capture only: do not run the shadow topology.")
  boolean noShadows;

  @Option(
      names = "--console-port",
      description =
          "Port of the console (REST API, /metrics, /docs) on 127.0.0.1, 0 = any free port"
              + " (default: ${DEFAULT-VALUE}).")
  int consolePort = ConsoleSettings.DEFAULT_PORT;

  @Option(names = "--no-console", description = "Do not start the console (REST API, metrics).")
  boolean noConsole;

  @Option(names = "--no-workload", description = "Start the stack without generating traffic.")
  boolean noWorkload;

  @Option(
      names = "--inject",
      paramLabel = "NAME@DELAY",
      description = "Inject an anomaly after a delay, e.g. runaway-delete@5m (repeatable).")
  List<String> injections = new ArrayList<>();

  @Option(
      names = "--run-for",
      paramLabel = "DURATION",
      description = "Stop by itself after this long, ISO-8601 (e.g. PT2M); default: until stopped.")
  Duration runFor;

  @Override
  public Integer call() throws Exception {
    List<ScheduledAnomaly> schedule = injections.stream().map(ScheduledAnomaly::parse).toList();
    if (noWorkload && !schedule.isEmpty()) {
      throw new IllegalArgumentException("--inject needs the workload; drop --no-workload");
    }
    if (runFor != null && (runFor.isNegative() || runFor.isZero())) {
      throw new IllegalArgumentException("--run-for must be positive, e.g. PT2M");
    }
    if (analysisStep.compareTo(Duration.ofSeconds(1)) < 0
        || analysisStep.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException(
          "--analysis-step must be from PT1S to PT1H, was " + analysisStep);
    }
    DevStackConfig stackConfig =
        DevStackConfig.builder()
            .dataDir(dataDir)
            .kafkaPort(kafkaPort)
            .postgresPort(postgresPort)
            .s3Port(s3Port)
            .registryPort(registryPort)
            .topicPrefix(topicPrefix)
            .build();
    WorkloadConfig workloadConfig = noWorkload ? null : workloadConfig();
    BucketPolicy bucketPolicy = noShadows ? null : DemoShadows.parsePolicy(policy);

    try (DemoSystem system =
        DemoSystem.start(stackConfig, workloadConfig, bucketPolicy, analysisStep)) {
      if (!noConsole) {
        DemoApi.start(system, consolePort);
      }
      System.out.println(DemoSummary.render(system));
      system.startWorkload(schedule);
      DemoConsole.startReading(system);
      boolean stoppedBySelf = system.awaitStop(runFor);
      LOG.info("demo stopping ({})", stoppedBySelf ? "--run-for elapsed" : "stop requested");
    }
    return 0;
  }

  private WorkloadConfig workloadConfig() throws IOException {
    WorkloadConfig base = WorkloadConfig.defaults();
    if (workloadConfigFile != null) {
      Properties properties = new Properties();
      try (Reader in = Files.newBufferedReader(workloadConfigFile)) {
        properties.load(in);
      } catch (NoSuchFileException e) {
        throw new IllegalArgumentException(
            "--workload-config " + workloadConfigFile + " does not exist");
      }
      base = WorkloadConfig.fromProperties(properties);
    }
    WorkloadConfig.Builder builder = base.toBuilder();
    if (seed != null) {
      builder.seed(seed);
    }
    if (rate != null) {
      builder.baseRatePerSecond(rate);
    }
    if (dayLength != null) {
      builder.dayLength(dayLength);
    }
    return builder.build();
  }
}

package io.chronoshadow.devstack;

import io.chronoshadow.devstack.capture.ConverterKind;
import io.chronoshadow.devstack.kafka.KafkaStorage;
import io.chronoshadow.devstack.postgres.PostgresDataDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything the dev stack needs to know, with defaults. A port of 0 means "pick a free port". All
 * state lives under {@link #dataDir()}, one subdirectory per component; starting again on the same
 * directory resumes.
 */
public final class DevStackConfig {

  public static final Path DEFAULT_DATA_DIR = Path.of(".chrono");
  public static final int DEFAULT_KAFKA_PORT = 9092;
  public static final int DEFAULT_POSTGRES_PORT = 5432;
  public static final int DEFAULT_S3_PORT = 9000;
  public static final int DEFAULT_REGISTRY_PORT = 8081;
  public static final String DEFAULT_TOPIC_PREFIX = "demo";
  public static final String DEFAULT_BUCKET = "chrono-warehouse";
  public static final String DEFAULT_CAPTURE_SCHEMA = "shop";

  private static final Pattern TOPIC_PREFIX = Pattern.compile("[a-zA-Z0-9_-]{1,100}");
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private final Path dataDir;
  private final int kafkaPort;
  private final int kafkaControllerPort;
  private final int postgresPort;
  private final int s3Port;
  private final int registryPort;
  private final String topicPrefix;
  private final List<String> captureSchemas;
  private final String bucket;
  private final String s3AccessKey;
  private final String s3SecretKey;
  private final String postgresUser;
  private final String postgresPassword;
  private final String sourceDatabase;
  private final String catalogDatabase;
  private final ConverterKind converter;
  private final Duration heartbeatInterval;

  private DevStackConfig(Builder b) {
    this.dataDir = b.dataDir.toAbsolutePath().normalize();
    this.kafkaPort = b.kafkaPort;
    this.kafkaControllerPort = b.kafkaControllerPort;
    this.postgresPort = b.postgresPort;
    this.s3Port = b.s3Port;
    this.registryPort = b.registryPort;
    this.topicPrefix = b.topicPrefix;
    this.captureSchemas = List.copyOf(b.captureSchemas);
    this.bucket = b.bucket;
    this.s3AccessKey = b.s3AccessKey;
    this.s3SecretKey = b.s3SecretKey;
    this.postgresUser = b.postgresUser;
    this.postgresPassword = b.postgresPassword;
    this.sourceDatabase = b.sourceDatabase;
    this.catalogDatabase = b.catalogDatabase;
    this.converter = b.converter;
    this.heartbeatInterval = b.heartbeatInterval;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Defaults, but every port free-picked: what tests want. */
  public static Builder builderWithFreePorts(Path dataDir) {
    return builder().dataDir(dataDir).kafkaPort(0).postgresPort(0).s3Port(0).registryPort(0);
  }

  public Builder toBuilder() {
    return new Builder()
        .dataDir(dataDir)
        .kafkaPort(kafkaPort)
        .kafkaControllerPort(kafkaControllerPort)
        .postgresPort(postgresPort)
        .s3Port(s3Port)
        .registryPort(registryPort)
        .topicPrefix(topicPrefix)
        .captureSchemas(captureSchemas)
        .bucket(bucket)
        .s3Keys(s3AccessKey, s3SecretKey)
        .postgresLogin(postgresUser, postgresPassword)
        .sourceDatabase(sourceDatabase)
        .catalogDatabase(catalogDatabase)
        .converter(converter)
        .heartbeatInterval(heartbeatInterval);
  }

  public Path dataDir() {
    return dataDir;
  }

  public Path kafkaDir() {
    return dataDir.resolve("kafka");
  }

  public Path postgresDir() {
    return dataDir.resolve("postgres");
  }

  public Path s3Dir() {
    return dataDir.resolve("s3");
  }

  public Path registryDir() {
    return dataDir.resolve("registry");
  }

  public Path captureDir() {
    return dataDir.resolve("capture");
  }

  public int kafkaPort() {
    return kafkaPort;
  }

  public int kafkaControllerPort() {
    return kafkaControllerPort;
  }

  public int postgresPort() {
    return postgresPort;
  }

  public int s3Port() {
    return s3Port;
  }

  public int registryPort() {
    return registryPort;
  }

  public String topicPrefix() {
    return topicPrefix;
  }

  public List<String> captureSchemas() {
    return captureSchemas;
  }

  public String bucket() {
    return bucket;
  }

  public String s3AccessKey() {
    return s3AccessKey;
  }

  public String s3SecretKey() {
    return s3SecretKey;
  }

  public String postgresUser() {
    return postgresUser;
  }

  public String postgresPassword() {
    return postgresPassword;
  }

  public String sourceDatabase() {
    return sourceDatabase;
  }

  public String catalogDatabase() {
    return catalogDatabase;
  }

  public ConverterKind converter() {
    return converter;
  }

  public Duration heartbeatInterval() {
    return heartbeatInterval;
  }

  /**
   * Every problem that would stop the stack from starting, one line each; empty when none. Checks
   * ports (only the fixed ones), the data directory and the state already in it.
   */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    Map<Integer, String> fixedPorts = new HashMap<>();
    checkPort(problems, fixedPorts, kafkaPort, "kafka", "--kafka-port");
    checkPort(
        problems, fixedPorts, kafkaControllerPort, "kafka controller", "--kafka-controller-port");
    checkPort(problems, fixedPorts, postgresPort, "postgres", "--postgres-port");
    checkPort(problems, fixedPorts, s3Port, "s3", "--s3-port");
    checkPort(problems, fixedPorts, registryPort, "registry", "--registry-port");
    if (!TOPIC_PREFIX.matcher(topicPrefix).matches()) {
      problems.add(
          "topic prefix '" + topicPrefix + "' is not valid — use letters, digits, '_' or '-'");
    }
    if (!BUCKET.matcher(bucket).matches()) {
      problems.add(
          "bucket name '" + bucket + "' is not a valid S3 bucket name — use 3-63 of a-z 0-9 . -");
    }
    if (s3AccessKey.isBlank() || s3SecretKey.isBlank()) {
      problems.add(
          "S3 access key and secret key must not be empty — pass --s3-access-key and --s3-secret-key");
    }
    for (String name : List.of(postgresUser, sourceDatabase, catalogDatabase)) {
      if (!IDENTIFIER.matcher(name).matches()) {
        problems.add("'" + name + "' is not a plain lower-case PostgreSQL identifier");
      }
    }
    if (sourceDatabase.equals(catalogDatabase)) {
      problems.add(
          "the source and catalog databases must differ (both are '" + sourceDatabase + "')");
    }
    if (captureSchemas.isEmpty()) {
      problems.add("no schema to capture — pass at least one --capture-schema");
    }
    if (heartbeatInterval.isNegative()) {
      problems.add("heartbeat interval must not be negative");
    }
    String dirProblem = dataDirProblem();
    if (dirProblem != null) {
      problems.add(dirProblem);
    } else {
      problems.addAll(KafkaStorage.problems(kafkaDir()));
      problems.addAll(PostgresDataDirectory.problems(postgresDir()));
    }
    return problems;
  }

  /** Throws a {@link DevStackException} listing every problem, if there is any. */
  public DevStackConfig validate() {
    List<String> problems = problems();
    if (!problems.isEmpty()) {
      throw new DevStackException(problems);
    }
    return this;
  }

  private static void checkPort(
      List<String> problems, Map<Integer, String> seen, int port, String what, String flag) {
    if (port == 0) {
      return;
    }
    if (port < 0 || port > 65535) {
      problems.add(
          "port " + port + " (" + what + ") is not a valid port — pass " + flag + " 0..65535");
      return;
    }
    String other = seen.putIfAbsent(port, what);
    if (other != null) {
      problems.add(
          "port " + port + " is configured for both " + other + " and " + what + " — pass " + flag);
      return;
    }
    if (!DevStackPorts.isFree(port)) {
      problems.add(
          "port " + port + " (" + what + ") is already in use — pass " + flag + " or free it");
    }
  }

  private String dataDirProblem() {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException | SecurityException e) {
      return "data directory "
          + dataDir
          + " cannot be created ("
          + e.getMessage()
          + ") — pass --data-dir";
    }
    if (!Files.isDirectory(dataDir)) {
      return "data directory " + dataDir + " is not a directory — pass --data-dir";
    }
    try {
      Path probe = Files.createTempFile(dataDir, ".write-probe", ".tmp");
      Files.delete(probe);
    } catch (IOException | SecurityException e) {
      return "data directory "
          + dataDir
          + " is not writable — pass --data-dir or fix its permissions";
    }
    return null;
  }

  @Override
  public String toString() {
    return "DevStackConfig{dataDir="
        + dataDir
        + ", kafkaPort="
        + kafkaPort
        + ", postgresPort="
        + postgresPort
        + ", s3Port="
        + s3Port
        + ", registryPort="
        + registryPort
        + ", topicPrefix="
        + topicPrefix
        + ", captureSchemas="
        + captureSchemas
        + ", bucket="
        + bucket
        + ", converter="
        + converter
        + '}';
  }

  /** Builder with the defaults above. */
  public static final class Builder {
    private Path dataDir = DEFAULT_DATA_DIR;
    private int kafkaPort = DEFAULT_KAFKA_PORT;
    private int kafkaControllerPort = 0;
    private int postgresPort = DEFAULT_POSTGRES_PORT;
    private int s3Port = DEFAULT_S3_PORT;
    private int registryPort = DEFAULT_REGISTRY_PORT;
    private String topicPrefix = DEFAULT_TOPIC_PREFIX;
    private List<String> captureSchemas = List.of(DEFAULT_CAPTURE_SCHEMA);
    private String bucket = DEFAULT_BUCKET;
    private String s3AccessKey = "chrono";
    private String s3SecretKey = "chrono-secret";
    private String postgresUser = "chrono";
    private String postgresPassword = "chrono";
    private String sourceDatabase = "source";
    private String catalogDatabase = "catalog";
    private ConverterKind converter = ConverterKind.DEFAULT;
    private Duration heartbeatInterval = Duration.ofSeconds(1);

    private Builder() {}

    public Builder dataDir(Path dataDir) {
      this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
      return this;
    }

    public Builder kafkaPort(int port) {
      this.kafkaPort = port;
      return this;
    }

    public Builder kafkaControllerPort(int port) {
      this.kafkaControllerPort = port;
      return this;
    }

    public Builder postgresPort(int port) {
      this.postgresPort = port;
      return this;
    }

    public Builder s3Port(int port) {
      this.s3Port = port;
      return this;
    }

    public Builder registryPort(int port) {
      this.registryPort = port;
      return this;
    }

    public Builder topicPrefix(String topicPrefix) {
      this.topicPrefix = Objects.requireNonNull(topicPrefix, "topicPrefix");
      return this;
    }

    public Builder captureSchemas(List<String> schemas) {
      this.captureSchemas = List.copyOf(schemas);
      return this;
    }

    public Builder bucket(String bucket) {
      this.bucket = Objects.requireNonNull(bucket, "bucket");
      return this;
    }

    public Builder s3Keys(String accessKey, String secretKey) {
      this.s3AccessKey = Objects.requireNonNull(accessKey, "accessKey");
      this.s3SecretKey = Objects.requireNonNull(secretKey, "secretKey");
      return this;
    }

    public Builder postgresLogin(String user, String password) {
      this.postgresUser = Objects.requireNonNull(user, "user");
      this.postgresPassword = Objects.requireNonNull(password, "password");
      return this;
    }

    public Builder sourceDatabase(String name) {
      this.sourceDatabase = Objects.requireNonNull(name, "sourceDatabase");
      return this;
    }

    public Builder catalogDatabase(String name) {
      this.catalogDatabase = Objects.requireNonNull(name, "catalogDatabase");
      return this;
    }

    public Builder converter(ConverterKind converter) {
      this.converter = Objects.requireNonNull(converter, "converter");
      return this;
    }

    public Builder heartbeatInterval(Duration interval) {
      this.heartbeatInterval = Objects.requireNonNull(interval, "heartbeatInterval");
      return this;
    }

    public DevStackConfig build() {
      return new DevStackConfig(this);
    }
  }
}

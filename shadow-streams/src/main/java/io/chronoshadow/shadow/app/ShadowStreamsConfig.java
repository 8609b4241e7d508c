package io.chronoshadow.shadow.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chronoshadow.schemas.contract.GroupNames;
import io.chronoshadow.shadow.catalog.CatalogSettings;
import io.chronoshadow.shadow.policy.BucketPolicy;
import io.chronoshadow.shadow.policy.PolicyCodec;
import io.chronoshadow.shadow.table.ShadowTableName;
import io.chronoshadow.shadow.topology.ShadowTopics;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Everything a shadow-streams instance needs: Kafka, registry, Iceberg catalog, the group and its
 * topics, and the initial policy. {@link #fromProperties} reads the {@code chrono.shadow.*} keys
 * (see {@link Keys}); every problem is reported at once, each naming its key.
 *
 * @param applicationId Kafka Streams application id (and consumer group); defaults to {@code
 *     chrono-shadow-<group>}. A reused id resumes from that id's state.
 * @param streamsOverrides extra Kafka Streams properties ({@code kafka.*} keys without the prefix)
 * @param heartbeatTable the source table ({@code schema.table}) that Debezium's {@code
 *     heartbeat.action.query} writes: its transactions close cuts while the group's tables are
 *     idle, its rows are not shadowed ({@value #DEFAULT_HEARTBEAT_TABLE} when null)
 * @param defaultSchema the source schema whose tables keep their bare names in the group's
 *     namespace ({@code public} when null); tables of other schemas are {@code <schema>__<table>}
 */
public record ShadowStreamsConfig(
    String bootstrapServers,
    String registryUrl,
    CatalogSettings catalog,
    String group,
    ShadowTopics topics,
    BucketPolicy policy,
    String applicationId,
    Path stateDir,
    String heartbeatTable,
    Map<String, String> streamsOverrides,
    String defaultSchema) {

  public static final String DEFAULT_HEARTBEAT_TABLE = "chrono.heartbeat";

  private static final java.util.regex.Pattern QUALIFIED_TABLE =
      java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*\\.[A-Za-z_][A-Za-z0-9_$]*");

  private static final java.util.regex.Pattern SCHEMA =
      java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

  /** Property keys. */
  public static final class Keys {
    public static final String PREFIX = "chrono.shadow.";
    public static final String BOOTSTRAP_SERVERS = PREFIX + "bootstrap-servers";
    public static final String REGISTRY_URL = PREFIX + "registry-url";
    public static final String GROUP = PREFIX + "group";
    public static final String TOPIC_PREFIX = PREFIX + "topic-prefix";
    public static final String POLICY = PREFIX + "policy";
    public static final String APPLICATION_ID = PREFIX + "application-id";
    public static final String STATE_DIR = PREFIX + "state-dir";
    public static final String HEARTBEAT_TABLE = PREFIX + "heartbeat-table";

    /** Removed: cuts no longer trust a capture process's clock. Refused with a pointer. */
    public static final String HEARTBEAT_WATERMARK_DELAY = PREFIX + "heartbeat-watermark-delay";

    public static final String DEFAULT_SCHEMA = PREFIX + "default-schema";
    public static final String TOPIC = PREFIX + "topic.";
    public static final String CATALOG = PREFIX + "catalog.";
    public static final String KAFKA = "kafka.";

    private Keys() {}
  }

  public ShadowStreamsConfig {
    List<String> problems = new ArrayList<>();
    if (blank(bootstrapServers)) {
      problems.add(Keys.BOOTSTRAP_SERVERS + " is required (e.g. 127.0.0.1:9092)");
    }
    if (blank(registryUrl)) {
      problems.add(Keys.REGISTRY_URL + " is required (outputs are Avro, registered there)");
    } else if (!registryUrl.startsWith("http://") && !registryUrl.startsWith("https://")) {
      problems.add(Keys.REGISTRY_URL + " must be an http(s) URL (was " + registryUrl + ")");
    }
    if (catalog == null) {
      problems.add(Keys.CATALOG + "* settings are required");
    }
    GroupNames.problem(group).ifPresent(p -> problems.add(Keys.GROUP + " " + p));
    if (topics == null) {
      problems.add(Keys.TOPIC_PREFIX + " is required (Debezium's topic.prefix, e.g. demo)");
    }
    if (policy == null) {
      problems.add(Keys.POLICY + " is required");
    }
    if (blank(applicationId) && group != null) {
      applicationId = "chrono-shadow-" + group;
    }
    if (stateDir == null) {
      problems.add(Keys.STATE_DIR + " is required");
    }
    if (blank(heartbeatTable)) {
      heartbeatTable = DEFAULT_HEARTBEAT_TABLE;
    } else if (!QUALIFIED_TABLE.matcher(heartbeatTable).matches()) {
      problems.add(
          Keys.HEARTBEAT_TABLE
              + " must be a source table as schema.table, e.g. "
              + DEFAULT_HEARTBEAT_TABLE
              + " (was "
              + heartbeatTable
              + ")");
    }
    streamsOverrides = streamsOverrides == null ? Map.of() : Map.copyOf(streamsOverrides);
    if (defaultSchema == null || defaultSchema.isBlank()) {
      defaultSchema = ShadowTableName.DEFAULT_SCHEMA;
    } else if (!SCHEMA.matcher(defaultSchema).matches()) {
      problems.add(
          Keys.DEFAULT_SCHEMA
              + " must be a schema name of [A-Za-z0-9_] (was "
              + defaultSchema
              + ")");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid shadow-streams config: " + String.join("; ", problems));
    }
  }

  /**
   * Reads a config from properties:
   *
   * <pre>
   * chrono.shadow.bootstrap-servers=127.0.0.1:9092
   * chrono.shadow.registry-url=http://127.0.0.1:8081/apis/ccompat/v7
   * chrono.shadow.group=shop
   * chrono.shadow.topic-prefix=demo
   * chrono.shadow.policy={"type":"fixed","interval":"PT1M"}
   * chrono.shadow.state-dir=/var/lib/chrono/shadow
   * chrono.shadow.heartbeat-table=chrono.heartbeat      (optional)
   * chrono.shadow.application-id=chrono-shadow-shop     (optional)
   * chrono.shadow.default-schema=public                 (optional)
   * chrono.shadow.topic.{transaction,policies,requests,shadows,stats,dlq}=…  (optional)
   * chrono.shadow.catalog.{endpoint,bucket,access-key,secret-key,region,jdbc-url,jdbc-user,
   *                        jdbc-password,name}=…
   * kafka.&lt;any Kafka Streams property&gt;=…                 (optional)
   * </pre>
   */
  public static ShadowStreamsConfig fromProperties(Properties p) {
    List<String> problems = new ArrayList<>();
    CatalogSettings catalog = catalogFromProperties(p, problems);
    BucketPolicy policy = null;
    String policyText = p.getProperty(Keys.POLICY);
    if (policyText != null) {
      try {
        policy = PolicyCodec.policyFromTree(new ObjectMapper().readTree(policyText));
      } catch (IOException | IllegalArgumentException e) {
        problems.add(Keys.POLICY + ": " + e.getMessage());
      }
    }
    if (p.getProperty(Keys.HEARTBEAT_WATERMARK_DELAY) != null) {
      problems.add(
          Keys.HEARTBEAT_WATERMARK_DELAY
              + " is no longer supported: cuts close only on the source's commit order, never on"
              + " a capture process's clock; remove it, and have Debezium run its"
              + " heartbeat.action.query on the heartbeat table ("
              + Keys.HEARTBEAT_TABLE
              + ", see the shadow-streams README)");
    }
    String prefix = p.getProperty(Keys.TOPIC_PREFIX);
    ShadowTopics topics =
        prefix == null || prefix.isBlank() ? null : topicsFromProperties(prefix, p);
    String stateDir = p.getProperty(Keys.STATE_DIR);
    Map<String, String> overrides = new TreeMap<>();
    for (String name : p.stringPropertyNames()) {
      if (name.startsWith(Keys.KAFKA)) {
        overrides.put(name.substring(Keys.KAFKA.length()), p.getProperty(name));
      }
    }
    try {
      ShadowStreamsConfig config =
          new ShadowStreamsConfig(
              p.getProperty(Keys.BOOTSTRAP_SERVERS),
              p.getProperty(Keys.REGISTRY_URL),
              catalog,
              p.getProperty(Keys.GROUP),
              topics,
              policy,
              p.getProperty(Keys.APPLICATION_ID),
              stateDir == null ? null : Path.of(stateDir),
              p.getProperty(Keys.HEARTBEAT_TABLE),
              overrides,
              p.getProperty(Keys.DEFAULT_SCHEMA));
      if (problems.isEmpty()) {
        return config;
      }
    } catch (IllegalArgumentException e) {
      // Listed with the problems found while reading, below; drop the duplicate catalog line.
      String message = e.getMessage().replaceFirst("^invalid shadow-streams config: ", "");
      for (String problem : message.split("; ")) {
        if (!(catalog == null && problem.startsWith(Keys.CATALOG))
            && !(policy == null && policyText != null && problem.startsWith(Keys.POLICY))) {
          problems.add(problem);
        }
      }
    }
    throw new IllegalArgumentException(
        "invalid shadow-streams config: " + String.join("; ", problems));
  }

  /**
   * The topics for a Debezium topic prefix: the defaults, each overridable by a {@code
   * chrono.shadow.topic.*} key (shared with other processes reading the same topics, e.g. the
   * console).
   */
  public static ShadowTopics topicsFromProperties(String prefix, Properties p) {
    ShadowTopics d = ShadowTopics.defaults(prefix);
    return new ShadowTopics(
        prefix,
        p.getProperty(Keys.TOPIC + "transaction", d.transactionTopic()),
        p.getProperty(Keys.TOPIC + "policies", d.policiesTopic()),
        p.getProperty(Keys.TOPIC + "requests", d.requestsTopic()),
        p.getProperty(Keys.TOPIC + "shadows", d.shadowsTopic()),
        p.getProperty(Keys.TOPIC + "stats", d.statsTopic()),
        p.getProperty(Keys.TOPIC + "dlq", d.dlqTopic()));
  }

  /**
   * The {@code chrono.shadow.catalog.*} settings, or null with the problems added to {@code
   * problems} (shared with other processes reading the same catalog, e.g. the console).
   */
  public static CatalogSettings catalogFromProperties(Properties p, List<String> problems) {
    String endpoint = p.getProperty(Keys.CATALOG + "endpoint");
    URI uri = null;
    if (endpoint != null) {
      try {
        uri = new URI(endpoint);
      } catch (URISyntaxException e) {
        problems.add(Keys.CATALOG + "endpoint is not a URI (was " + endpoint + ")");
        return null;
      }
    }
    try {
      return new CatalogSettings(
          uri,
          p.getProperty(Keys.CATALOG + "bucket"),
          p.getProperty(Keys.CATALOG + "access-key"),
          p.getProperty(Keys.CATALOG + "secret-key"),
          p.getProperty(Keys.CATALOG + "region", "us-east-1"),
          p.getProperty(Keys.CATALOG + "jdbc-url"),
          p.getProperty(Keys.CATALOG + "jdbc-user"),
          p.getProperty(Keys.CATALOG + "jdbc-password"),
          p.getProperty(Keys.CATALOG + "name", "chrono"));
    } catch (IllegalArgumentException e) {
      problems.add(Keys.CATALOG + "*: " + e.getMessage());
      return null;
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  @Override
  public String toString() {
    return "ShadowStreamsConfig[bootstrapServers="
        + bootstrapServers
        + ", registryUrl="
        + registryUrl
        + ", catalog="
        + catalog
        + ", group="
        + group
        + ", topics="
        + topics
        + ", policy="
        + (policy == null ? null : PolicyCodec.toTree(policy))
        + ", applicationId="
        + applicationId
        + ", stateDir="
        + stateDir
        + ", heartbeatTable="
        + heartbeatTable
        + ", defaultSchema="
        + defaultSchema
        + "]";
  }
}

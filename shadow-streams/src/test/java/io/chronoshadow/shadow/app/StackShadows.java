package io.chronoshadow.shadow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chronoshadow.devstack.DevStack;
import io.chronoshadow.devstack.DevStackConfig;
import io.chronoshadow.devstack.audit.Canonical;
import io.chronoshadow.devstack.workload.ShopSchema;
import io.chronoshadow.devstack.workload.ShopTable;
import io.chronoshadow.fixtures.kafka.Topics;
import io.chronoshadow.fixtures.source.SourceRows;
import io.chronoshadow.schemas.registry.SchemaRegistryClient;
import io.chronoshadow.schemas.wire.RegistryAvroSerde;
import io.chronoshadow.shadow.app.ShadowStreamsConfig.Keys;
import io.chronoshadow.shadow.cut.ShadowIds;
import io.chronoshadow.shadow.read.ReadOptions;
import io.chronoshadow.shadow.read.ShadowReader;
import io.chronoshadow.shadow.read.ShadowRef;
import io.chronoshadow.shadow.table.ShadowTableName;
import io.chronoshadow.shadow.topology.ShadowTopics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.generic.GenericRecord;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * What the tests on the real stack share: shadow-streams properties pointing at a {@link DevStack},
 * and the three views of a table that a shadow is compared across — {@code SELECT *} on the source,
 * the Iceberg shadow, and the replay of the change topics ({@link ShadowReplay}). Rows are compared
 * as canonical string maps by primary key ({@link Canonical}).
 */
final class StackShadows {

  static final String GROUP = "shop";

  private StackShadows() {}

  /**
   * The {@code chrono.shadow.*} properties of a shop group on the stack, as a standalone instance
   * would read them from its file; callers add or override keys (topics, catalog, {@code kafka.*}).
   */
  static Properties properties(
      DevStack stack, String policyJson, String applicationId, Path stateDir) {
    DevStackConfig c = stack.config();
    Properties p = new Properties();
    p.setProperty(Keys.BOOTSTRAP_SERVERS, stack.bootstrapServers());
    p.setProperty(Keys.REGISTRY_URL, stack.registryUrl());
    p.setProperty(Keys.GROUP, GROUP);
    // The shop's tables keep their bare names: shop.orders → shop.orders in the catalog.
    p.setProperty(Keys.DEFAULT_SCHEMA, ShopSchema.SCHEMA);
    p.setProperty(Keys.TOPIC_PREFIX, c.topicPrefix());
    p.setProperty(Keys.POLICY, policyJson);
    p.setProperty(Keys.APPLICATION_ID, applicationId);
    p.setProperty(Keys.STATE_DIR, stateDir.toString());
    p.setProperty(Keys.CATALOG + "endpoint", stack.s3Endpoint().toString());
    p.setProperty(Keys.CATALOG + "bucket", c.bucket());
    p.setProperty(Keys.CATALOG + "access-key", c.s3AccessKey());
    p.setProperty(Keys.CATALOG + "secret-key", c.s3SecretKey());
    p.setProperty(Keys.CATALOG + "region", stack.s3().region());
    p.setProperty(Keys.CATALOG + "jdbc-url", stack.catalogJdbcUrl());
    p.setProperty(Keys.CATALOG + "jdbc-user", c.postgresUser());
    p.setProperty(Keys.CATALOG + "jdbc-password", c.postgresPassword());
    p.setProperty(Keys.CATALOG + "name", "chrono");
    p.setProperty(Keys.KAFKA + "commit.interval.ms", "200");
    return p;
  }

  static ShadowStreamsConfig config(Properties properties) {
    return ShadowStreamsConfig.fromProperties(properties);
  }

  /** {@code SELECT *} of a source table, by canonical key. */
  static Map<String, Map<String, String>> sourceRows(DevStack stack, ShopTable table)
      throws Exception {
    return SourceRows.selectAll(stack.postgres().sourceDataSource(), table);
  }

  static ShadowTableName icebergName(ShopTable table) {
    return icebergName(GROUP, table);
  }

  static ShadowTableName icebergName(String group, ShopTable table) {
    return ShadowTableName.fromSourceTable(group, table.qualifiedName(), ShopSchema.SCHEMA);
  }

  /**
   * A table at a shadow, by canonical key; empty when the table did not exist yet (a table is
   * created with its first row, and cannot be tagged with the shadows before).
   */
  static Map<String, Map<String, String>> shadowRows(
      ShadowReader reader, ShopTable table, String shadowId) {
    return shadowRows(reader, GROUP, table, shadowId);
  }

  /** As {@link #shadowRows(ShadowReader, ShopTable, String)}, for another group's shadows. */
  static Map<String, Map<String, String>> shadowRows(
      ShadowReader reader, String group, ShopTable table, String shadowId) {
    if (firstShadowCut(reader, group, table)
        .map(first -> ShadowIds.cutTime(shadowId).isBefore(first))
        .orElse(true)) {
      return Map.of();
    }
    return SourceRows.canonical(
        table, reader.rowsAt(icebergName(group, table), shadowId, ReadOptions.ALL).rows());
  }

  /** Cut time of the first shadow the table is part of; empty while it does not exist. */
  static Optional<Instant> firstShadowCut(ShadowReader reader, ShopTable table) {
    return firstShadowCut(reader, GROUP, table);
  }

  static Optional<Instant> firstShadowCut(ShadowReader reader, String group, ShopTable table) {
    try {
      List<ShadowRef> shadows = reader.shadows(icebergName(group, table));
      return shadows.isEmpty() ? Optional.empty() : Optional.of(shadows.get(0).cutTime());
    } catch (NoSuchTableException absent) {
      return Optional.empty();
    }
  }

  /**
   * Until the app runs and its latest shadow equals {@code SELECT *} of every shop table: once the
   * workload stopped, heartbeat transactions close the last bucket.
   */
  static void awaitLatestShadowEqualsTheSource(
      DevStack stack, ShadowStreamsApp app, ShadowReader reader, Duration within) {
    await()
        .atMost(within)
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);
              String latest = app.metrics().lastShadowId();
              assertThat(latest).isNotNull();
              for (ShopTable table : ShopSchema.TABLES) {
                assertThat(shadowRows(reader, table, latest))
                    .as("latest shadow %s of %s", latest, table.qualifiedName())
                    .isEqualTo(sourceRows(stack, table));
              }
            });
  }

  /** The independent oracle: the group's change topics and transaction topic, as they are now. */
  static ShadowReplay replay(DevStack stack, ShadowTopics topics, List<ShopTable> tables) {
    return ShadowReplay.read(stack.bootstrapServers(), stack.registryUrl(), topics, tables);
  }

  /** The committed Avro records of an output topic ({@code chrono.shadows}, …), in order. */
  static List<GenericRecord> avroRecords(DevStack stack, String topic) {
    RegistryAvroSerde serde =
        new RegistryAvroSerde(new SchemaRegistryClient(stack.registryUrl()), false, false);
    List<GenericRecord> out = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : Topics.readAll(stack.bootstrapServers(), topic)) {
      out.add(serde.deserializer().deserialize(topic, r.value()));
    }
    return out;
  }

  static void produce(DevStack stack, String topic, byte[] key, byte[] value) throws Exception {
    Map<String, Object> config =
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    }
  }

  static void produce(DevStack stack, String topic, String key, String value) throws Exception {
    produce(
        stack,
        topic,
        key == null ? null : key.getBytes(StandardCharsets.UTF_8),
        value.getBytes(StandardCharsets.UTF_8));
  }

  /** Runs independent checks (e.g. one Iceberg read each) four at a time; rethrows the first. */
  static void runAll(List<Callable<Void>> checks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (Future<Void> done : pool.invokeAll(checks)) {
        try {
          done.get();
        } catch (ExecutionException e) {
          if (e.getCause() instanceof Error error) {
            throw error;
          }
          throw e;
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}

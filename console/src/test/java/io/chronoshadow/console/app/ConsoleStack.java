package io.chronoshadow.console.app;

import static org.awaitility.Awaitility.await;

import io.chronoshadow.console.demo.DemoShadows;
import io.chronoshadow.console.query.QueryLimits;
import io.chronoshadow.devstack.DevStack;
import io.chronoshadow.devstack.workload.ShopWorkload;
import io.chronoshadow.devstack.workload.WorkloadConfig;
import io.chronoshadow.fixtures.stack.ShopStack;
import io.chronoshadow.shadow.app.ShadowStreamsApp;
import io.chronoshadow.shadow.app.ShadowStreamsConfig;
import io.chronoshadow.shadow.catalog.CatalogSettings;
import io.chronoshadow.shadow.catalog.ShadowCatalog;
import io.chronoshadow.shadow.policy.BucketPolicy;
import io.chronoshadow.shadow.read.ShadowReader;
import io.chronoshadow.shadow.read.ShadowRef;
import io.chronoshadow.shadow.table.ShadowTableName;
import io.chronoshadow.shadow.topology.ShadowTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The real embedded stack with the shadow topology of group {@code shop} and a console in front of
 * it, shared by the tests of a class (and by the benchmark).
 */
final class ConsoleStack implements AutoCloseable {

  static final String GROUP = "shop";

  /**
   * The stack's secrets, unlike its defaults ({@code chrono}) found in no other text, so that a
   * test can tell that no log line or answer contains them.
   */
  static final String S3_SECRET = "s3-secret-" + UUID.randomUUID();

  static final String POSTGRES_PASSWORD = "pg-secret-" + UUID.randomUUID();

  private final ShopStack shop;
  final DevStack stack;
  final ShopWorkload workload;
  final ShadowStreamsApp app;
  final ShadowCatalog catalog;
  final ShadowReader reader;
  final ConsoleBackends backends;
  final String token = "tok-" + UUID.randomUUID();
  final Console console;
  final Http http;

  ConsoleStack(Path dir, WorkloadConfig workloadConfig, BucketPolicy policy) {
    shop =
        ShopStack.on(dir.resolve("stack"), workloadConfig)
            .stackConfig(
                c -> c.s3Keys("chrono", S3_SECRET).postgresLogin("chrono", POSTGRES_PASSWORD))
            .start();
    stack = shop.stack();
    workload = shop.workload();
    CatalogSettings catalogSettings = DemoShadows.catalog(stack);
    ShadowTopics topics = ShadowTopics.defaults(stack.config().topicPrefix());
    app =
        ShadowStreamsApp.create(
            new ShadowStreamsConfig(
                stack.bootstrapServers(),
                stack.registryUrl(),
                catalogSettings,
                GROUP,
                topics,
                policy,
                "console-it-" + UUID.randomUUID(),
                dir.resolve("streams"),
                null,
                Map.of("commit.interval.ms", "200"),
                null));
    app.start();
    catalog = ShadowCatalog.open(catalogSettings);
    reader = new ShadowReader(catalog.catalog());
    backends =
        new ConsoleBackends(
            stack.bootstrapServers(), stack.registryUrl(), catalogSettings, topics, null);
    console = Console.start(settings(false, List.of()), backends, Map.of(GROUP, app));
    http = new Http(console.url());
    await().atMost(Duration.ofSeconds(90)).until(() -> app.state() == KafkaStreams.State.RUNNING);
  }

  ConsoleSettings settings(boolean readsNeedToken, List<String> corsOrigins) {
    return new ConsoleSettings(
        "127.0.0.1",
        0,
        token,
        readsNeedToken,
        corsOrigins,
        new QueryLimits(1_000, 200_000, 50_000));
  }

  ShadowTableName table(String name) {
    return new ShadowTableName(GROUP, name);
  }

  /** The shadows on a table, from Iceberg's refs, as the oracle for the API's lists. */
  List<ShadowRef> shadowsOf(String table) {
    return reader.shadows(table(table));
  }

  @Override
  public void close() {
    console.close();
    catalog.close();
    app.close();
    shop.close();
  }
}

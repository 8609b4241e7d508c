package io.chronoshadow.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chronoshadow.devstack.workload.ShopSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/** The whole stack with the demo shop schema: every endpoint answers; close leaves nothing. */
class DevStackTest {

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path dir;

  static DevStack stack;

  @BeforeAll
  static void start() {
    stack =
        DevStack.start(
            DevStackConfig.builderWithFreePorts(dir).build(),
            source -> {
              try (Connection c = source.getConnection()) {
                ShopSchema.create(c);
              } catch (SQLException e) {
                throw new IllegalStateException(e);
              }
            });
  }

  /** Closing (twice) frees every port and leaves no child process. */
  @AfterAll
  static void stopLeavesNothingBehind() {
    if (stack == null) {
      return;
    }
    List<Integer> ports =
        List.of(
            stack.kafka().port(),
            stack.postgres().port(),
            stack.s3().port(),
            stack.registry().port());
    ProcessHandle registry = stack.registry().processHandle();
    stack.close();
    stack.close();
    assertThat(registry.isAlive()).isFalse();
    assertThat(ports).allMatch(DevStackPorts::isFree);
    assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)).isEmpty();
  }

  @Test
  void everyEndpointAnswersAndCaptureRuns() throws Exception {
    assertThat(stack.endpoints()).containsKeys("kafka", "source", "catalog", "s3", "registry");
    assertThat(stack.startupTimes())
        .containsKeys("postgres", "kafka", "s3", "registry", "source-initializer", "capture");
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
      assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
          .contains("demo.transaction", "__debezium-heartbeat.demo");
    }
    assertThat(stack.s3().bucketExists("chrono-warehouse")).isTrue();
    HttpResponse<String> subjects =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(stack.registryUrl() + "/subjects")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(subjects.statusCode()).isEqualTo(200);
    try (Connection c = stack.postgres().catalogDataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT current_database()")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("catalog");
    }

    // Capture published every shop table (they existed before capture started) and the heartbeat
    // table, whose transactions close shadows while the shop is idle.
    try (Connection c = stack.postgres().sourceDataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM pg_publication_tables WHERE pubname = 'chrono_demo'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(ShopSchema.TABLES.size() + 1);
    }
    assertThat(stack.capture().isRunning()).isTrue();
    System.out.println(
        "RSS: this JVM "
            + rssKb(ProcessHandle.current().pid())
            + " kB, registry "
            + rssKb(stack.registry().processHandle().pid())
            + " kB, heap used "
            + (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1024
            + " kB");
    // Heartbeats flow even before the workload writes anything.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> stack.capture().publishedCount("__debezium-heartbeat.demo") > 0);
  }

  static String rssKb(long pid) {
    try {
      return java.nio.file.Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))
          .stream()
          .filter(l -> l.startsWith("VmRSS:"))
          .map(l -> l.replaceAll("[^0-9]", ""))
          .findFirst()
          .orElse("?");
    } catch (java.io.IOException e) {
      return "?";
    }
  }
}

package io.chronoshadow.console.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chronoshadow.devstack.DevStackConfig;
import io.chronoshadow.devstack.workload.Anomaly;
import io.chronoshadow.devstack.workload.WorkloadConfig;
import io.chronoshadow.shadow.policy.BucketPolicy;
import io.chronoshadow.shadow.policy.FixedBucketPolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code ./chrono demo} runs, end to end on the real embedded stack. */
class DemoSystemTest {

  @TempDir Path dataDir;

  @Test
  void runsTheWorkloadThroughCaptureTakesCommandsAndLeavesNothingBehind() throws Exception {
    DevStackConfig config = DevStackConfig.builderWithFreePorts(dataDir).build();
    WorkloadConfig workload =
        WorkloadConfig.defaults().toBuilder().seed(7).baseRatePerSecond(20).build();

    BucketPolicy everyTwoSeconds = FixedBucketPolicy.of(Duration.ofSeconds(2));

    try (DemoSystem system = DemoSystem.start(config, workload, everyTwoSeconds)) {
      DemoApi.start(system, 0);
      String summary = DemoSummary.render(system);
      assertThat(summary)
          .contains(system.stack().bootstrapServers(), system.stack().registryUrl())
          .contains(dataDir.toAbsolutePath().toString())
          .contains(system.console().url(), system.consoleTokenFile().toString())
          .doesNotContain(Files.readString(system.consoleTokenFile()).trim());
      HttpResponse<String> live =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(system.console().url() + "/health/live"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(live.statusCode()).isEqualTo(200);

      system.startWorkload(List.of(new ScheduledAnomaly(Anomaly.PRICE_GLITCH, Duration.ZERO)));
      String ordersTopic = config.topicPrefix() + ".shop.orders";
      await()
          .atMost(Duration.ofSeconds(90))
          .until(() -> system.stack().capture().publishedCount(ordersTopic) > 20);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  system.workload().injections().stream()
                      .anyMatch(i -> i.anomaly() == Anomaly.PRICE_GLITCH && i.rowsAffected() > 0));

      // The shadow topology turns the captured changes into committed shadows of the shop group.
      await()
          .atMost(Duration.ofSeconds(120))
          .until(() -> system.shadows().health().shadowsCommitted() >= 2);
      assertThat(system.shadows().health().lastShadowId()).startsWith("shadow-shop-");
      assertThat(system.shadows().health().deadLettered()).isZero();
      // The prophet reads those shadows' statistics: one series per metric of every table.
      await().atMost(Duration.ofSeconds(60)).until(() -> system.prophet().metrics().series() > 0);
      assertThat(system.prophet().metrics().deadLettered()).isZero();

      DemoConsole console = new DemoConsole(system);
      assertThat(console.handle("status")).isTrue();
      assertThat(system.status())
          .contains("capture published", "shadows", "committed", "prophet", "series")
          .doesNotContain("STOPPED");
      assertThat(console.handle("quit")).isFalse();
      assertThat(system.awaitStop(Duration.ofSeconds(1))).isFalse();
    }

    assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)).isEmpty();
  }
}

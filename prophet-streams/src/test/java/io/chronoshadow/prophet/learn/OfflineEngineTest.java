package io.chronoshadow.prophet.learn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine needs no network: a child JVM with an empty DJL cache, in a network namespace with no
 * interface but loopback (util-linux {@code unshare -n}), loads libtorch from the classpath,
 * trains, saves, loads and forecasts; any http(s) URL it tried to open fails the probe.
 */
class OfflineEngineTest {

  @Test
  void engineLoadsTrainsAndServesWithoutNetwork(@TempDir Path dir) throws Exception {
    List<String> command = new ArrayList<>();
    boolean isolated = canUnshareNetwork();
    if (isolated) {
      command.addAll(List.of("unshare", "--net"));
    }
    command.addAll(
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            OfflineProbe.class.getName(),
            dir.toString()));
    Process probe = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(probe.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(probe.exitValue()).as(output).isZero();
    assertThat(output).contains("ATTEMPTS 0").contains("ENGINE 2.7.1").doesNotContain("DOWNLOAD");
    assertThat(output).containsPattern("FORECAST -?[0-9]");
    // libtorch was extracted from the jar into the empty cache, not found elsewhere
    try (Stream<Path> files = Files.walk(dir.resolve("djl"))) {
      assertThat(files.map(p -> p.getFileName().toString())).contains("libtorch.so");
    }
  }

  private static boolean canUnshareNetwork() throws InterruptedException {
    try {
      return new ProcessBuilder("unshare", "--net", "true").start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    }
  }
}

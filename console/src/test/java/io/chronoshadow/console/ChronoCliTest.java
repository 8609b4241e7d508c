package io.chronoshadow.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ChronoCliTest {

  @TempDir Path dataDir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = ChronoCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void helpListsTheDemoCommandAndItsOptions() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("demo");

    assertThat(run("demo", "--help")).isZero();
    assertThat(out.toString())
        .contains(
            "--data-dir",
            "--kafka-port",
            "--inject",
            "--run-for",
            "--no-workload",
            "--console-port");
  }

  @Test
  void theConsoleCommandNeedsAConfigAndNamesEveryMissingKey() throws Exception {
    assertThat(run("console", "--help")).isZero();
    assertThat(out.toString()).contains("--config");

    assertThat(run("console", "--config", dataDir.resolve("nope.properties").toString()))
        .isEqualTo(2);
    assertThat(err.toString().strip())
        .isEqualTo("chrono: --config " + dataDir.resolve("nope.properties") + " does not exist");

    Path file = dataDir.resolve("console.properties");
    Files.writeString(file, "chrono.console.port=80800\n");
    err.getBuffer().setLength(0);
    assertThat(run("console", "--config", file.toString())).isEqualTo(2);
    assertThat(err.toString().strip().lines())
        .singleElement()
        .asString()
        .contains(
            "chrono.shadow.bootstrap-servers is required",
            "chrono.shadow.registry-url is required",
            "chrono.shadow.topic-prefix is required",
            "chrono.shadow.catalog.*",
            "chrono.console.port must be a whole number in 0-65535 (was 80800)",
            "chrono.console.token-file");
  }

  @Test
  void aPortInUseIsOneClearLineNotAStackTrace() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int code =
          run(
              "demo",
              "--data-dir",
              dataDir.toString(),
              "--kafka-port",
              String.valueOf(taken.getLocalPort()),
              "--postgres-port",
              "0",
              "--s3-port",
              "0",
              "--registry-port",
              "0");

      assertThat(code).isEqualTo(2);
      assertThat(err.toString().strip().lines())
          .singleElement()
          .asString()
          .startsWith("chrono: ")
          .contains("port " + taken.getLocalPort(), "kafka", "already in use", "--kafka-port");
    }
  }

  @Test
  void anUnwritableDataDirectoryIsNamed() throws Exception {
    Path notADirectory = Files.writeString(dataDir.resolve("a-file"), "x");
    int code =
        run(
            "demo",
            "--data-dir",
            notADirectory.toString(),
            "--kafka-port",
            "0",
            "--postgres-port",
            "0",
            "--s3-port",
            "0",
            "--registry-port",
            "0");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).startsWith("chrono: ").contains(notADirectory.toString());
    assertThat(err.toString()).doesNotContain("at io.chronoshadow");
  }

  @Test
  void aBadAnomalyScheduleSaysWhatIsAllowed() {
    int code = run("demo", "--data-dir", dataDir.toString(), "--inject", "meteor@5m");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("unknown anomaly 'meteor'", "runaway-delete", "price-glitch");
  }

  @Test
  void aBadWorkloadConfigFileNamesTheKey() throws Exception {
    Path file =
        Files.writeString(dataDir.resolve("w.properties"), "chrono.workload.base-rate=-1\n");
    int code = run("demo", "--data-dir", dataDir.toString(), "--workload-config", file.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).startsWith("chrono: ").contains("chrono.workload.base-rate");
  }

  @Test
  void anInvalidPolicyNamesTheField() {
    int code =
        run(
            "demo",
            "--data-dir",
            dataDir.toString(),
            "--policy",
            "{\"type\":\"adaptive\",\"min\":\"PT10M\",\"max\":\"PT5M\",\"targetChanges\":10}");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).startsWith("chrono: ").contains("adaptive.min");
  }

  @Test
  void anAnalysisStepOutOfBoundsSaysTheBounds() {
    int code =
        run("demo", "--data-dir", dataDir.toString(), "--analysis-step", "PT0.5S", "--no-console");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).startsWith("chrono: ").contains("--analysis-step", "PT1S to PT1H");
  }
}

package io.chronoshadow.console.app;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code chrono console --config FILE}: the console on its own, against external services. */
@Command(
    name = "console",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the REST API, health, Prometheus metrics and API docs against external Kafka, schema"
          + " registry, Iceberg catalog and S3 store, until Ctrl-C or SIGTERM.",
      "The configuration keys are documented in console/README.md.",
      ""
    })
public final class ConsoleCommand implements Callable<Integer> {

  @Option(
      names = "--config",
      required = true,
      paramLabel = "FILE",
      description = "Properties file of chrono.console.* and chrono.shadow.* keys.")
  Path config;

  @Override
  public Integer call() throws Exception {
    ConsoleConfigFile file = ConsoleConfigFile.load(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Console console = Console.start(file.settings(), file.backends(), Map.of());
    // Ctrl-C and SIGTERM arrive as JVM shutdown: stop serving and close the clients first.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  console.close();
                  stopped.countDown();
                },
                "chrono-console-shutdown"));
    System.out.println(
        "Chrono-Shadow console: " + console.url() + "  (API docs " + console.url() + "/docs)");
    stopped.await();
    return 0;
  }
}

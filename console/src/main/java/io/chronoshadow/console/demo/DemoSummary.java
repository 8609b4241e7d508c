package io.chronoshadow.console.demo;

import io.chronoshadow.devstack.DevStack;
import java.util.Map;

/** The block printed once the demo is up: what runs where, and how to use it. */
final class DemoSummary {

  private DemoSummary() {}

  static String render(DemoSystem system) {
    DevStack stack = system.stack();
    StringBuilder out = new StringBuilder();
    out.append(System.lineSeparator())
        .append("Chrono-Shadow demo is running")
        .append(System.lineSeparator());
    for (Map.Entry<String, String> endpoint : stack.endpoints().entrySet()) {
      out.append(String.format("  %-16s %s%n", endpoint.getKey(), endpoint.getValue()));
    }
    String prefix = stack.config().topicPrefix();
    out.append(String.format("  %-16s %s%n", "change topics", prefix + ".<schema>.<table>"));
    out.append(String.format("  %-16s %s%n", "transactions", prefix + ".transaction"));
    if (system.shadows() != null) {
      var topics = system.shadows().config().topics();
      out.append(
          String.format(
              "  %-16s Iceberg catalog '%s' (JDBC: catalog database), tables %s.<table>%n",
              "shadows", DemoShadows.CATALOG_NAME, DemoShadows.GROUP));
      out.append(
          String.format(
              "  %-16s %s, %s, dead letters %s%n",
              "shadow topics", topics.shadowsTopic(), topics.statsTopic(), topics.dlqTopic()));
      out.append(String.format("  %-16s %s%n", "policy", system.shadows().config().policy()));
    }
    if (system.console() != null) {
      String url = system.console().url();
      out.append(
          String.format(
              "  %-16s %s (docs %s/docs, metrics %s/metrics)%n", "console", url, url, url));
      out.append(
          String.format(
              "  %-16s in %s (send 'Authorization: Bearer <token>' on changes)%n",
              "console token", system.consoleTokenFile()));
    }
    out.append(String.format("  %-16s %s%n", "data directory", stack.config().dataDir()));
    out.append(
        String.format(
            "  %-16s %s%n",
            "workload",
            system.workload() == null
                ? "off (--no-workload)"
                : system.workload().config().baseRatePerSecond()
                    + " tx/s mean, seed "
                    + system.workload().config().seed()));
    out.append(String.format("  %-16s %s%n", "started in", totalStartup(stack)));
    out.append("  ").append(DemoConsole.HELP).append("; Ctrl-C stops everything.");
    return out.toString();
  }

  private static String totalStartup(DevStack stack) {
    StringBuilder parts = new StringBuilder();
    long total = 0;
    for (var entry : stack.startupTimes().entrySet()) {
      long ms = entry.getValue().toMillis();
      total += ms;
      parts
          .append(parts.length() == 0 ? "" : ", ")
          .append(entry.getKey())
          .append(' ')
          .append(ms)
          .append(" ms");
    }
    return total + " ms (" + parts + ")";
  }
}

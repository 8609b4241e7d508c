package io.chronoshadow.console.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads commands typed while the demo runs. Standard input that is closed or absent (a script, CI)
 * simply ends the reader; the demo keeps running until stopped.
 */
final class DemoConsole implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(DemoConsole.class);
  static final String HELP =
      "commands: inject <" + ScheduledAnomaly.knownAnomalies() + ">, status, quit";

  private final DemoSystem system;

  DemoConsole(DemoSystem system) {
    this.system = system;
  }

  static void startReading(DemoSystem system) {
    Thread reader = new Thread(new DemoConsole(system), "chrono-demo-console");
    reader.setDaemon(true);
    reader.start();
  }

  @Override
  public void run() {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (!handle(line.trim())) {
          return;
        }
      }
    } catch (IOException e) {
      LOG.debug("standard input closed: {}", e.toString());
    }
  }

  /** Runs one command; false when the demo should stop. */
  boolean handle(String command) {
    if (command.isEmpty()) {
      return true;
    }
    String[] words = command.split("\\s+");
    switch (words[0]) {
      case "quit", "exit", "stop" -> {
        system.requestStop();
        return false;
      }
      case "status" -> System.out.println(system.status());
      case "inject" -> {
        if (words.length != 2) {
          System.out.println(HELP);
        } else {
          try {
            system.inject(ScheduledAnomaly.anomalyNamed(words[1]));
          } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage());
          }
        }
      }
      default -> System.out.println(HELP);
    }
    return true;
  }
}

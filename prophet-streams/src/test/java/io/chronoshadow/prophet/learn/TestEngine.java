package io.chronoshadow.prophet.learn;

import java.nio.file.Path;

/**
 * The engine for tests: test classes share one JVM, and DJL keeps the settings of its first start,
 * so every class starts it the same way (libtorch extracted once under {@code target/}).
 */
final class TestEngine {

  private TestEngine() {}

  static void start() {
    DjlRuntime.start(DjlRuntime.Settings.defaults(Path.of("target")));
  }
}

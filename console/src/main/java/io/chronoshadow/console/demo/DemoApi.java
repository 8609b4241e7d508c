package io.chronoshadow.console.demo;

import io.chronoshadow.console.app.Console;
import io.chronoshadow.console.app.ConsoleBackends;
import io.chronoshadow.console.app.ConsoleSettings;
import io.chronoshadow.console.auth.ConsoleToken;
import io.chronoshadow.devstack.DevStack;
import io.chronoshadow.shadow.app.ShadowStreamsApp;
import io.chronoshadow.shadow.topology.ShadowTopics;
import java.nio.file.Path;
import java.util.Map;

/**
 * The console as the demo runs it: on 127.0.0.1, against the embedded stack, with the demo's shadow
 * topology in the same process. Its token lives in {@code <data dir>/console-token} (created on
 * first use, owner-only), so that it is never printed.
 */
final class DemoApi {

  static final String TOKEN_FILE = "console-token";

  private DemoApi() {}

  static Console start(DemoSystem system, int port) {
    DevStack stack = system.stack();
    Path tokenFile = stack.config().dataDir().resolve(TOKEN_FILE).toAbsolutePath();
    String token = ConsoleToken.readOrCreate(tokenFile);
    ConsoleBackends backends =
        new ConsoleBackends(
            stack.bootstrapServers(),
            stack.registryUrl(),
            DemoShadows.catalog(stack),
            ShadowTopics.defaults(stack.config().topicPrefix()),
            null);
    ShadowStreamsApp shadows = system.shadows();
    Map<String, ShadowStreamsApp> local =
        shadows == null ? Map.of() : Map.of(shadows.config().group(), shadows);
    Console console =
        Console.start(ConsoleSettings.local(port, token), backends, local, system.prophet());
    system.attachConsole(console, tokenFile);
    return console;
  }
}

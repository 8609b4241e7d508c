package io.chronoshadow.prophet.learn;

import ai.djl.engine.Engine;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that prepares DJL's PyTorch engine. DJL reads its settings from system properties
 * once, when the engine first loads, so they must be set before any other DJL call in the JVM:
 *
 * <ul>
 *   <li>{@code ai.djl.offline=true}: DJL would otherwise fetch libtorch or models from the internet
 *       when something is missing; offline, a missing piece is an error at start-up instead. The
 *       CPU libtorch comes from the {@code pytorch-native-cpu} jar on the classpath and is
 *       extracted into the cache directory.
 *   <li>one intra-op and one inter-op thread by default: models are small, and a stream thread
 *       shares the machine with Kafka Streams and the object store client; more threads only add
 *       contention. Configurable.
 *   <li>the cache directory (where libtorch is extracted) under the caller's data directory, so a
 *       read-only home or a shared {@code ~/.djl.ai} never matters.
 * </ul>
 */
public final class DjlRuntime {

  private static final Logger LOG = LoggerFactory.getLogger(DjlRuntime.class);
  private static final String ENGINE = "PyTorch";
  private static Settings applied;

  /** How the engine runs. */
  public record Settings(Path cacheDir, int intraOpThreads, int interOpThreads) {
    public Settings {
      if (intraOpThreads < 1 || interOpThreads < 1) {
        throw new IllegalArgumentException(
            "DJL thread counts must be >= 1, were intra-op "
                + intraOpThreads
                + ", inter-op "
                + interOpThreads);
      }
    }

    /** One thread each, cache under {@code dataDir/djl}. */
    public static Settings defaults(Path dataDir) {
      return new Settings(dataDir.resolve("djl"), 1, 1);
    }
  }

  private DjlRuntime() {}

  /**
   * Sets DJL up and loads the engine; returns its version. The engine loads once per JVM: a later
   * call with other settings keeps the first ones (say so in the log rather than pretend).
   */
  public static synchronized String start(Settings settings) {
    if (applied != null) {
      if (!applied.equals(settings)) {
        LOG.warn(
            "DJL already runs with {}; keeping it (asked for {}, engine settings are per JVM)",
            applied,
            settings);
      }
      return Engine.getEngine(ENGINE).getVersion();
    }
    System.setProperty("ai.djl.offline", "true");
    System.setProperty("ai.djl.default_engine", ENGINE);
    System.setProperty("DJL_CACHE_DIR", settings.cacheDir().toString());
    System.setProperty("ENGINE_CACHE_DIR", settings.cacheDir().toString());
    System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(settings.intraOpThreads()));
    System.setProperty(
        "ai.djl.pytorch.num_interop_threads", String.valueOf(settings.interOpThreads()));
    long t0 = System.nanoTime();
    Engine engine;
    try {
      engine = Engine.getEngine(ENGINE);
    } catch (RuntimeException | UnsatisfiedLinkError e) {
      throw new IllegalStateException(
          "cannot load the PyTorch engine offline (is pytorch-native-cpu linux-x86_64 on the"
              + " classpath?): "
              + e.getMessage(),
          e);
    }
    applied = settings;
    LOG.info(
        "DJL {} engine {} loaded offline in {} ms (threads intra-op {}, inter-op {}, cache {})",
        ENGINE,
        engine.getVersion(),
        (System.nanoTime() - t0) / 1_000_000,
        settings.intraOpThreads(),
        settings.interOpThreads(),
        settings.cacheDir());
    return engine.getVersion();
  }

  /** The settings the engine runs with, or null before {@link #start}. */
  public static synchronized Settings settings() {
    return applied;
  }
}

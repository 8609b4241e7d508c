package io.chronoshadow.prophet.learn;

import java.io.IOException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Run by {@link OfflineEngineTest} in a child JVM (inside an empty network namespace where the
 * machine allows it): loads the engine into an empty cache directory, trains and saves and loads a
 * tiny model, and exits non-zero if anything tried to open an http(s) URL.
 */
public final class OfflineProbe {

  private static final AtomicInteger ATTEMPTS = new AtomicInteger();

  private OfflineProbe() {}

  public static void main(String[] args) throws Exception {
    URL.setURLStreamHandlerFactory(
        protocol ->
            protocol.equals("http") || protocol.equals("https")
                ? new URLStreamHandler() {
                  @Override
                  protected URLConnection openConnection(URL url) throws IOException {
                    ATTEMPTS.incrementAndGet();
                    System.out.println("DOWNLOAD ATTEMPT " + url);
                    throw new IOException("network access attempted: " + url);
                  }
                }
                : null);
    Path dir = Path.of(args[0]);
    String version = DjlRuntime.start(DjlRuntime.Settings.defaults(dir));
    SeriesHistory series = new SeriesHistory("s", NonlinearSeries.generate(24 * 8, 24, 1), 0, 24);
    try (LearnedForecaster model =
        NetworkTrainer.train(
                "probe",
                NetworkSpec.small(Architecture.TRANSFORMER, 24, 3),
                TrainingSettings.defaults(1).withEpochs(1),
                List.of(series))
            .forecaster()) {
      ModelFiles.save(model, dir.resolve("model"));
    }
    try (LearnedForecaster loaded = ModelFiles.load(dir.resolve("model"), "probe")) {
      double point = loaded.forecast(series).point(1);
      System.out.println("FORECAST " + point);
    }
    System.out.println("ENGINE " + version);
    System.out.println("ATTEMPTS " + ATTEMPTS.get());
    System.exit(ATTEMPTS.get() == 0 ? 0 : 3);
  }
}

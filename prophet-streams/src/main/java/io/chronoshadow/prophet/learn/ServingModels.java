package io.chronoshadow.prophet.learn;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which learned model serves each series, swapped atomically while stream threads keep reading. A
 * series absent here is served by its statistical model. A replaced forecaster is closed once no
 * series refers to it any more; a reader that picked it up just before is not hurt, because a
 * closed forecaster refuses the call and {@link #forecast} then retries with the current one.
 */
public final class ServingModels implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ServingModels.class);

  /** A deployed model for one series, with the backtest that earned it the place. */
  public record Serving(ModelVersion version, LearnedForecaster forecaster, double backtestMase) {}

  private final Map<String, Serving> bySeries = new ConcurrentHashMap<>();

  public Optional<Serving> servingFor(String seriesId) {
    return Optional.ofNullable(bySeries.get(seriesId));
  }

  /** Series id → version id of what serves it now. */
  public Map<String, String> assignments() {
    Map<String, String> out = new HashMap<>();
    bySeries.forEach((series, serving) -> out.put(series, serving.version().id()));
    return out;
  }

  /** The learned forecast of a series, or empty if no learned model serves it. */
  public Optional<QuantileForecast> forecast(SeriesHistory recent) {
    for (int attempt = 0; attempt < 2; attempt++) {
      Serving serving = bySeries.get(recent.id());
      if (serving == null) {
        return Optional.empty();
      }
      try {
        return Optional.of(serving.forecaster().forecast(recent));
      } catch (IllegalStateException closedMeanwhile) {
        // swapped out between lookup and call: the map already holds the successor
      }
    }
    return Optional.empty();
  }

  /**
   * Makes {@code forecaster} serve every series of {@code version.servedSeries()}; series it does
   * not list keep what they had.
   */
  public synchronized void deploy(
      ModelVersion version, LearnedForecaster forecaster, Map<String, Double> backtestMase) {
    Map<LearnedForecaster, Boolean> replaced = new HashMap<>();
    for (String series : version.servedSeries()) {
      Serving old =
          bySeries.put(
              series,
              new Serving(version, forecaster, backtestMase.getOrDefault(series, Double.NaN)));
      if (old != null && old.forecaster() != forecaster) {
        replaced.put(old.forecaster(), true);
      }
    }
    replaced.keySet().forEach(this::closeIfUnused);
    LOG.info("model {} now serves {}", version.id(), version.servedSeries());
  }

  /** Hands a series back to its statistical model (e.g. after drift made the learned one worse). */
  public synchronized void retire(String seriesId, String why) {
    Serving old = bySeries.remove(seriesId);
    if (old != null) {
      LOG.info("model {} no longer serves {}: {}", old.version().id(), seriesId, why);
      closeIfUnused(old.forecaster());
    }
  }

  private void closeIfUnused(LearnedForecaster forecaster) {
    if (bySeries.values().stream().noneMatch(s -> s.forecaster() == forecaster)) {
      forecaster.close();
    }
  }

  @Override
  public synchronized void close() {
    bySeries.values().stream()
        .map(Serving::forecaster)
        .distinct()
        .forEach(LearnedForecaster::close);
    bySeries.clear();
  }
}

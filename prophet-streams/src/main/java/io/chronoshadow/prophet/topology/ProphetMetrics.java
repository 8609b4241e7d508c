package io.chronoshadow.prophet.topology;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Counters of a running prophet topology, for health lines and tests. Thread-safe. */
public final class ProphetMetrics {
  private final AtomicLong statsRecords = new AtomicLong();
  private final AtomicLong steps = new AtomicLong();
  private final AtomicLong forecasts = new AtomicLong();
  private final AtomicLong alarms = new AtomicLong();
  private final AtomicLong deadLettered = new AtomicLong();
  private final AtomicLong series = new AtomicLong();
  private final AtomicLong warmSeries = new AtomicLong();
  private final AtomicReference<String> lastAlarm = new AtomicReference<>();

  void statsRecord() {
    statsRecords.incrementAndGet();
  }

  void step(boolean warm) {
    steps.incrementAndGet();
    if (warm) {
      forecasts.incrementAndGet();
    }
  }

  void alarm(String explanation) {
    alarms.incrementAndGet();
    lastAlarm.set(explanation);
  }

  void deadLetter() {
    deadLettered.incrementAndGet();
  }

  void series(long total, long warm) {
    series.set(total);
    warmSeries.set(warm);
  }

  public long statsRecords() {
    return statsRecords.get();
  }

  public long steps() {
    return steps.get();
  }

  public long forecasts() {
    return forecasts.get();
  }

  public long alarms() {
    return alarms.get();
  }

  public long deadLettered() {
    return deadLettered.get();
  }

  public long series() {
    return series.get();
  }

  public long warmSeries() {
    return warmSeries.get();
  }

  /** The explanation of the newest alarm, or null. */
  public String lastAlarm() {
    return lastAlarm.get();
  }
}

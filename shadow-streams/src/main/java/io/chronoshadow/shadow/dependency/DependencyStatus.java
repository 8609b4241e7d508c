package io.chronoshadow.shadow.dependency;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which dependencies of one shadow group are unavailable now, and how often they were. An outage is
 * reported once: one WARN line when it is first seen (with what it held up), one INFO line when it
 * is over (with its duration), however many attempts failed in between — those are DEBUG. Metrics:
 * {@code chrono.shadow.dependency.up{group,dependency}} (1 or 0) and {@code
 * chrono.shadow.dependency.outages{group,dependency}} (a counter). Thread-safe: the stream thread
 * and the probes report, health and metrics read.
 */
public final class DependencyStatus implements MeterBinder {

  private static final Logger LOG = LoggerFactory.getLogger(DependencyStatus.class);

  /** A dependency found unavailable and not seen back yet. */
  public record Outage(Dependency dependency, Instant since, String heldUp, String error) {

    /** The line a health check shows an operator. */
    public String problem() {
      return dependency.label() + " unavailable since " + since + " (" + heldUp + "): " + error;
    }
  }

  private final String group;
  private final Map<Dependency, Outage> current = new EnumMap<>(Dependency.class);
  private final Map<Dependency, Long> outages = new EnumMap<>(Dependency.class);
  private final Set<Dependency> reachable = EnumSet.noneOf(Dependency.class);
  // Outages only a probe has seen so far: the probe may end those itself (no work has failed).
  private final Set<Dependency> seenOnlyByProbe = EnumSet.noneOf(Dependency.class);

  public DependencyStatus(String group) {
    this.group = group;
    for (Dependency d : Dependency.values()) {
      outages.put(d, 0L);
    }
  }

  /**
   * A call to {@code dependency} failed because it is unavailable. Logs one WARN line if this
   * starts an outage; returns whether it did.
   *
   * @param heldUp what waits for the dependency, e.g. the shadow whose commit failed
   */
  public boolean failed(Dependency dependency, String heldUp, Throwable error) {
    return start(dependency, heldUp, error, false);
  }

  /**
   * A probe could not reach {@code dependency}. Starts an outage like {@link #failed} does, but one
   * that the probe may end again ({@link #reachable}) as long as no real call has failed in it: the
   * operator hears of an outage when it starts, not when the next piece of work happens to need the
   * dependency — and that work may be blocked in its client's retries for a long while.
   */
  public boolean unreachable(Dependency dependency, String heldUp, Throwable error) {
    return start(dependency, heldUp, error, true);
  }

  private boolean start(Dependency dependency, String heldUp, Throwable error, boolean byProbe) {
    Outage started;
    synchronized (this) {
      reachable.remove(dependency);
      if (!byProbe) {
        seenOnlyByProbe.remove(dependency);
      }
      if (current.containsKey(dependency)) {
        LOG.debug("{} still unavailable ({}): {}", dependency.label(), heldUp, error.toString());
        return false;
      }
      started = new Outage(dependency, Instant.now(), heldUp, rootMessage(error));
      current.put(dependency, started);
      outages.merge(dependency, 1L, Long::sum);
      if (byProbe) {
        seenOnlyByProbe.add(dependency);
      }
    }
    LOG.warn(
        "shadow group {}: {} unavailable ({}): {} — retrying until it is back; reported again"
            + " only when it recovers",
        group,
        dependency.label(),
        heldUp,
        started.error());
    return true;
  }

  /** A call to {@code dependency} succeeded: ends its outage, if any, with one INFO line. */
  public void available(Dependency dependency) {
    Outage ended;
    synchronized (this) {
      ended = current.remove(dependency);
      reachable.remove(dependency);
      seenOnlyByProbe.remove(dependency);
    }
    logEnd(dependency, ended);
  }

  private void logEnd(Dependency dependency, Outage ended) {
    if (ended != null) {
      LOG.info(
          "shadow group {}: {} available again after {} s ({} outage so far)",
          group,
          dependency.label(),
          String.format("%.1f", Duration.between(ended.since(), Instant.now()).toMillis() / 1e3),
          ordinal(outages(dependency)));
    }
  }

  /**
   * A probe reached {@code dependency} during its outage. That does not end the outage — only a
   * real call that succeeds does ({@link #available}): an endpoint can answer a probe and still
   * fail the work (a missing bucket, a read-only database), and ending the outage on the probe's
   * word would log a new one on every round. It tells the waiting work that an attempt is due. An
   * outage that only probes have seen ({@link #unreachable}) ends here, though: no work failed.
   */
  public void reachable(Dependency dependency) {
    Outage ended = null;
    synchronized (this) {
      if (seenOnlyByProbe.remove(dependency)) {
        ended = current.remove(dependency);
        reachable.remove(dependency);
      } else if (current.containsKey(dependency)) {
        reachable.add(dependency);
      }
    }
    logEnd(dependency, ended);
  }

  /**
   * Whether work waiting for {@code dependency} should try now: it is up, or a probe reached it.
   */
  public synchronized boolean worthTrying(Dependency dependency) {
    return !current.containsKey(dependency) || reachable.contains(dependency);
  }

  public synchronized boolean isUp(Dependency dependency) {
    return !current.containsKey(dependency);
  }

  /** Outages of {@code dependency} since this process started. */
  public synchronized long outages(Dependency dependency) {
    return outages.get(dependency);
  }

  /** The dependencies unavailable now, in declaration order. */
  public synchronized List<Outage> current() {
    return new ArrayList<>(current.values());
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (Dependency d : Dependency.values()) {
      Gauge.builder("chrono.shadow.dependency.up", this, s -> s.isUp(d) ? 1 : 0)
          .description("1 while the dependency answers, 0 during an outage")
          .tag("group", group)
          .tag("dependency", d.label())
          .register(registry);
      FunctionCounter.builder("chrono.shadow.dependency.outages", this, s -> s.outages(d))
          .description("Outages of the dependency seen by this process")
          .tag("group", group)
          .tag("dependency", d.label())
          .register(registry);
    }
  }

  private static String ordinal(long n) {
    long mod100 = n % 100;
    String suffix =
        mod100 >= 11 && mod100 <= 13
            ? "th"
            : switch ((int) (n % 10)) {
              case 1 -> "st";
              case 2 -> "nd";
              case 3 -> "rd";
              default -> "th";
            };
    return n + suffix;
  }

  /** The innermost message: "Connection refused", not five layers of wrapping. */
  static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}

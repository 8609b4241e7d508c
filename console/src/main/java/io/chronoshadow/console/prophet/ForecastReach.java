package io.chronoshadow.console.prophet;

import io.chronoshadow.console.http.ApiError;
import io.chronoshadow.prophet.query.StoredSeries;
import io.chronoshadow.prophet.series.RegularSeries;
import io.chronoshadow.schemas.contract.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * How far ahead a forecast may reach. A forecast walks every series of the group step by step up to
 * its target, so its cost is (series × steps ahead): a target of years ahead at a 5 s step is
 * billions of steps and never answers. The bound is in steps of each series' own analysis step,
 * checked before any model is fitted.
 */
final class ForecastReach {

  private ForecastReach() {}

  /** The latest last step of {@code series}: what a horizon counts from. */
  static Instant lastStep(Collection<StoredSeries> series) {
    Instant latest = null;
    for (StoredSeries s : series) {
      Instant last = last(s.history());
      if (latest == null || last.isAfter(latest)) {
        latest = last;
      }
    }
    return latest;
  }

  /** Refuses (400 naming {@code field}) a target more than {@code maxSteps} after any series. */
  static void check(Collection<StoredSeries> series, Instant target, int maxSteps, String field) {
    for (StoredSeries s : series) {
      RegularSeries h = s.history();
      Instant last = last(h);
      if (!target.isAfter(last)) {
        continue; // the prophet itself refuses a target in the past, with its own message
      }
      Duration ahead = Duration.between(last, target);
      long steps = ahead.dividedBy(h.step());
      if (!h.step().multipliedBy(steps).equals(ahead)) {
        steps++; // the target's step is the one containing it
      }
      if (steps > maxSteps) {
        throw ApiError.badRequest(
            field,
            field
                + " reaches more than "
                + maxSteps
                + " steps ahead of "
                + s.id()
                + " (step "
                + Durations.shorthand(h.step())
                + ", last step "
                + last
                + "): forecasts go at most "
                + maxSteps
                + " steps ahead, i.e. up to "
                + last.plus(h.step().multipliedBy(maxSteps))
                + " for this series");
      }
    }
  }

  private static Instant last(RegularSeries h) {
    return h.timeAt(h.size() - 1);
  }
}

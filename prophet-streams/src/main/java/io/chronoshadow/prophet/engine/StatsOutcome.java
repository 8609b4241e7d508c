package io.chronoshadow.prophet.engine;

import java.util.List;

/**
 * What one shadow-stats record led to: the completed steps of its group's series, or (when {@code
 * rejection} is not null) nothing, because the record cannot be applied.
 */
public record StatsOutcome(List<SeriesStep> steps, String rejection) {
  public StatsOutcome {
    steps = List.copyOf(steps);
  }

  static StatsOutcome rejected(String reason) {
    return new StatsOutcome(List.of(), reason);
  }

  public boolean isRejected() {
    return rejection != null;
  }
}

package io.chronoshadow.shadow.cut;

import java.time.Instant;

/**
 * "A shadow now": cut at {@code requestedAt} (truncated to milliseconds, the precision of cut
 * times). The request carries its own time, so replaying it gives the same cut no matter when it is
 * replayed.
 */
public record ManualCutRequest(Instant requestedAt, String requestId) implements PlannerInput {

  public ManualCutRequest {
    Counts.requireEpochMillis(requestedAt, "requestedAt");
    if (requestId == null || requestId.isEmpty()) {
      throw new IllegalArgumentException("requestId must not be empty");
    }
  }
}

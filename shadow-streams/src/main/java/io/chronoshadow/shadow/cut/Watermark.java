package io.chronoshadow.shadow.cut;

import java.time.Instant;

/**
 * Proof, in the source's commit order, that no transaction committed before {@code time} is still
 * unseen: it closes boundaries without a transaction of its own. It must come from the commit order
 * itself, never from a capture process's clock (a process that restarts or lags replays older
 * commits after its clock has moved on). The topology needs none — the END events of the heartbeat
 * table's transactions are that proof, and arrive as transactions without events in the group — so
 * this input serves drivers of the planner that learn progress otherwise. A transaction that still
 * arrives behind a closed cut joins the open shadow and is counted ({@link
 * CutPlanner#lateTransactions()}).
 */
public record Watermark(Instant time) implements PlannerInput {

  public Watermark {
    Counts.requireEpochMillis(time, "time");
  }
}

package io.chronoshadow.shadow.cut;

/** Everything a {@link CutPlanner} consumes, as one type so a topology can feed it one stream. */
public sealed interface PlannerInput
    permits CommittedTransaction, Watermark, ManualCutRequest, PolicyChange, Baseline {}

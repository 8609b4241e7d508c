package io.chronoshadow.prophet.causal;

import java.util.List;

/** Per-lag Granger tests of "x helps predict y", and the lag order with the lowest AIC. */
public record GrangerResult(List<LagResult> perLag, LagResult bestByAic) {
  public GrangerResult {
    perLag = List.copyOf(perLag);
  }

  /** The p-value at the AIC-chosen lag. */
  public double pValue() {
    return bestByAic.pValue();
  }
}

package io.chronoshadow.prophet.causal;

import java.util.List;

/** The estimated impact of an intervention over the post-period. */
public record ImpactEstimate(
    String model,
    double level,
    List<PointEffect> points,
    EffectEstimate cumulative,
    EffectEstimate average) {
  public ImpactEstimate {
    points = List.copyOf(points);
  }
}

package io.chronoshadow.prophet.causal;

import java.time.Instant;

/**
 * One post-intervention step: the observation, the counterfactual forecast with its interval, and
 * the effect (observed − counterfactual) with the interval that implies.
 */
public record PointEffect(
    Instant time,
    double observed,
    double counterfactual,
    double counterfactualLower,
    double counterfactualUpper,
    EffectEstimate effect) {}

package io.chronoshadow.prophet.causal;

import io.chronoshadow.prophet.model.Forecaster;
import io.chronoshadow.prophet.model.GaussianForecast;
import io.chronoshadow.prophet.model.Interval;
import io.chronoshadow.prophet.model.ModelSpec;
import io.chronoshadow.prophet.model.PredictiveDistribution;
import io.chronoshadow.prophet.series.RegularSeries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Intervention impact by counterfactual forecasting: fit on the pre-period, forecast the
 * post-period as if nothing had happened (without feeding it post-period observations), and take
 * observed − counterfactual.
 *
 * <p>Pointwise intervals come from the forecaster's predictive distribution. The cumulative effect
 * Σ(y − ŷ) needs the variance of a sum of correlated forecast errors: with the innovation form
 * e_{T+h} = ε_{T+h} + Σ_j ψ_j ε_{T+h−j}, the sum over h = 1..H is Σ_k ε_{T+k}(1 + Σ_{j=1}^{H−k}
 * ψ_j), so Var = σ² Σ_{k=1}^{H} (1 + Ψ_{H−k})² with Ψ_i = ψ_1 + … + ψ_i; the interval is Gaussian.
 * The average effect is the cumulative one divided by H. Valid when nothing but the intervention
 * changed at that time (no confounding event) and the pre-period model is adequate.
 */
public final class InterventionImpact {
  private InterventionImpact() {}

  /**
   * @param interventionIndex the first step affected by the intervention
   * @param level interval coverage, e.g. 0.95
   */
  public static ImpactEstimate estimate(
      RegularSeries series, int interventionIndex, ModelSpec spec, double level) {
    double[] y = series.toArray();
    if (interventionIndex < spec.minHistory() || interventionIndex >= y.length) {
      throw new IllegalArgumentException(
          "intervention at " + interventionIndex + " leaves too short a pre- or post-period");
    }
    Forecaster forecaster = spec.fit(Arrays.copyOf(y, interventionIndex)).forecaster();
    int horizon = y.length - interventionIndex;
    List<PointEffect> points = new ArrayList<>(horizon);
    double cumulative = 0;
    for (int h = 1; h <= horizon; h++) {
      int t = interventionIndex + h - 1;
      PredictiveDistribution d = forecaster.forecast(h);
      Interval cf = d.interval(level);
      double effect = y[t] - d.point();
      if (!Double.isNaN(y[t])) {
        cumulative += effect;
      }
      Instant time = series.timeAt(t);
      points.add(
          new PointEffect(
              time,
              y[t],
              d.point(),
              cf.lower(),
              cf.upper(),
              new EffectEstimate(effect, y[t] - cf.upper(), y[t] - cf.lower())));
    }
    double sd = forecaster.innovationSd() * Math.sqrt(sumVarianceFactor(forecaster, horizon));
    double z = GaussianForecast.standardNormalQuantile(0.5 + level / 2);
    EffectEstimate total = new EffectEstimate(cumulative, cumulative - z * sd, cumulative + z * sd);
    EffectEstimate average =
        new EffectEstimate(
            total.estimate() / horizon, total.lower() / horizon, total.upper() / horizon);
    return new ImpactEstimate(forecaster.spec().name(), level, points, total, average);
  }

  /** Σ_{k=1}^{H} (1 + Ψ_{H−k})², Ψ_i the partial sums of the ψ weights. */
  static double sumVarianceFactor(Forecaster forecaster, int horizon) {
    double[] partial = new double[horizon];
    for (int i = 1; i < horizon; i++) {
      partial[i] = partial[i - 1] + forecaster.psiWeight(i);
    }
    double factor = 0;
    for (int k = 1; k <= horizon; k++) {
      double w = 1 + partial[horizon - k];
      factor += w * w;
    }
    return factor;
  }
}

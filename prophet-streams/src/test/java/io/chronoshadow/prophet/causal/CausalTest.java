package io.chronoshadow.prophet.causal;

import static org.assertj.core.api.Assertions.assertThat;

import io.chronoshadow.prophet.model.HoltWintersSpec;
import io.chronoshadow.prophet.series.RegularSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CausalTest {
  private static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void grangerFindsXLeadingYByTwoStepsAndNothingForAnIndependentSeries(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int n = 400;
    double[] x = new double[n];
    double[] y = new double[n];
    double[] z = new double[n];
    for (int t = 0; t < n; t++) {
      x[t] = (t > 0 ? 0.5 * x[t - 1] : 0) + gaussian(random);
      z[t] = (t > 0 ? 0.5 * z[t - 1] : 0) + gaussian(random);
      y[t] = (t > 0 ? 0.3 * y[t - 1] : 0) + (t > 1 ? 0.8 * x[t - 2] : 0) + gaussian(random);
    }
    GrangerResult xy = GrangerCausality.test(x, y, 4);
    GrangerResult zy = GrangerCausality.test(z, y, 4);

    assertThat(xy.perLag()).hasSize(4);
    assertThat(xy.bestByAic().lag()).isGreaterThanOrEqualTo(2);
    assertThat(xy.pValue()).isLessThan(0.01);
    assertThat(xy.perLag().get(0).pValue())
        .as("lag 1 alone cannot see a lag-2 effect")
        .isGreaterThan(xy.perLag().get(1).pValue());
    assertThat(zy.perLag()).allSatisfy(r -> assertThat(r.pValue()).isGreaterThan(0.01));
  }

  private static RegularSeries seasonalWithStep(long seed, int n, int at, double effect) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] y = new double[n];
    for (int t = 0; t < n; t++) {
      y[t] =
          200 + 30 * Math.sin(2 * Math.PI * t / 24) + 5 * gaussian(random) + (t >= at ? effect : 0);
    }
    return new RegularSeries(Instant.parse("2026-11-01T00:00:00Z"), Duration.ofHours(1), y);
  }

  @Test
  void interventionStepEffectIsRecoveredWithinItsInterval() {
    int n = 24 * 14, at = 24 * 11;
    double effect = 15; // three noise sds, from the intervention on
    int covered = 0, runs = 40;
    for (long seed = 1; seed <= runs; seed++) {
      RegularSeries series = seasonalWithStep(seed, n, at, effect);
      ImpactEstimate impact =
          InterventionImpact.estimate(series, at, new HoltWintersSpec(24, true, false), 0.95);

      assertThat(impact.points()).hasSize(n - at);
      assertThat(impact.points().get(0).time()).isEqualTo(series.timeAt(at));
      EffectEstimate average = impact.average();
      assertThat(average.isSignificant()).isTrue();
      assertThat(average.estimate()).isBetween(effect - 4, effect + 4);
      assertThat(impact.cumulative().estimate())
          .isCloseTo(average.estimate() * (n - at), org.assertj.core.api.Assertions.within(1e-6));
      covered += average.lower() <= effect && effect <= average.upper() ? 1 : 0;
    }
    // A 95% interval: allow sampling noise over 40 runs, but not a badly overconfident one.
    assertThat(covered).isGreaterThanOrEqualTo(34);
  }

  @Test
  void noInterventionMeansNoSignificantEffect() {
    SplittableRandom random = new SplittableRandom(7);
    int n = 24 * 14, at = 24 * 11;
    double[] y = new double[n];
    for (int t = 0; t < n; t++) {
      y[t] = 200 + 30 * Math.sin(2 * Math.PI * t / 24) + 5 * gaussian(random);
    }
    RegularSeries series = new RegularSeries(Instant.EPOCH, Duration.ofHours(1), y);
    ImpactEstimate impact =
        InterventionImpact.estimate(series, at, new HoltWintersSpec(24, true, false), 0.95);
    assertThat(impact.average().isSignificant()).isFalse();
  }
}

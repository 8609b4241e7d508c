package io.chronoshadow.prophet.model;

import io.chronoshadow.prophet.stats.RobustStats;
import java.util.Arrays;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Fits Holt-Winters smoothing parameters by minimising the one-step loss of the filter over the
 * history with Nelder-Mead. The optimiser works on unbounded logits that map into the admissible
 * region (see {@link HoltWintersParams}), so every point it tries is a valid model. Loss: sum of
 * squared errors, or in robust mode the Huber loss at ±k·σ (σ tracked by the filter itself).
 * Initial states come from a classical decomposition of the first two seasons and are not optimised
 * (keeps the search 3–4 dimensional and cheap).
 */
final class HoltWintersFitter {
  private static final int MAX_EVALUATIONS = 300;
  private static final double MIN_ALPHA = 0.001;
  private static final double MAX_ALPHA = 0.999;
  private static final double MIN_PHI = 0.8;
  private static final double MAX_PHI = 0.98;

  private HoltWintersFitter() {}

  /**
   * @param warmStart parameters to start from (a refit of a live series), or null for the default
   *     start
   */
  static FittedModel fit(HoltWintersSpec spec, double[] y, HoltWintersParams warmStart) {
    HoltWintersState initial = initialState(y, spec.period());
    int dimensions = 1 + 1 + (spec.period() > 1 ? 1 : 0) + (spec.damped() ? 1 : 0);
    double[] start =
        warmStart != null
            ? encode(spec, warmStart, dimensions)
            : encode(spec, new HoltWintersParams(0.2, 0.02, 0.08, 0.89), dimensions);
    BestSoFar best = new BestSoFar(start);
    ObjectiveFunction objective =
        new ObjectiveFunction(
            u -> {
              double loss = loss(spec, decode(spec, u), initial, y);
              best.offer(u, loss);
              return loss;
            });
    try {
      new SimplexOptimizer(1e-7, 1e-10)
          .optimize(
              new MaxEval(warmStart != null ? MAX_EVALUATIONS / 2 : MAX_EVALUATIONS),
              objective,
              GoalType.MINIMIZE,
              new InitialGuess(start),
              new NelderMeadSimplex(dimensions, warmStart != null ? 0.5 : 1.0));
    } catch (TooManyEvaluationsException e) {
      // Budget spent: the best point seen is good enough (the surface is flat near the optimum).
    }
    HoltWintersParams params = decode(spec, best.point);
    HoltWintersState state = initial.copy();
    double[] residuals = new double[y.length];
    for (int t = 0; t < y.length; t++) {
      residuals[t] = state.step(y[t], params, spec.robust(), spec.huberK());
    }
    state.variance = fittedVariance(residuals, spec);
    return new FittedModel(new HoltWinters(spec, params, state), residuals);
  }

  /** Error variance for intervals: skips the first season (initial-state transient). */
  private static double fittedVariance(double[] residuals, HoltWintersSpec spec) {
    int from = Math.min(spec.period(), residuals.length / 2);
    double[] tail = Arrays.copyOfRange(residuals, from, residuals.length);
    if (spec.robust()) {
      double sd = RobustStats.MAD_TO_SD * RobustStats.mad(tail);
      if (sd > 0) {
        return sd * sd;
      }
      // Over half the residuals equal (e.g. a flat series): the MAD says nothing; use the SSE.
    }
    double ss = 0;
    int n = 0;
    for (double e : tail) {
      if (!Double.isNaN(e)) {
        ss += e * e;
        n++;
      }
    }
    return n == 0 ? 0 : ss / n;
  }

  private static double loss(
      HoltWintersSpec spec, HoltWintersParams p, HoltWintersState initial, double[] y) {
    HoltWintersState s = initial.copy();
    double loss = 0;
    for (double observed : y) {
      double sd = Math.sqrt(s.variance);
      double e = s.step(observed, p, spec.robust(), spec.huberK());
      if (Double.isNaN(e)) {
        continue;
      }
      double bound = spec.huberK() * sd;
      if (spec.robust() && Math.abs(e) > bound) {
        loss += 2 * bound * Math.abs(e) - bound * bound;
      } else {
        loss += e * e;
      }
    }
    return Double.isFinite(loss) ? loss : Double.MAX_VALUE;
  }

  /** Inverse of {@link #decode}, with values clamped inside the open admissible region. */
  static double[] encode(HoltWintersSpec spec, HoltWintersParams p, int dimensions) {
    double[] u = new double[dimensions];
    double alpha = clamp(p.alpha(), MIN_ALPHA, MAX_ALPHA);
    u[0] = logit(clamp((alpha - MIN_ALPHA) / (MAX_ALPHA - MIN_ALPHA), 1e-4, 1 - 1e-4));
    u[1] = logit(clamp(p.beta() / alpha, 1e-4, 1 - 1e-4));
    if (spec.period() > 1) {
      u[2] = logit(clamp(p.gamma() / (1 - alpha), 1e-4, 1 - 1e-4));
    }
    if (spec.damped()) {
      u[dimensions - 1] = logit(clamp((p.phi() - MIN_PHI) / (MAX_PHI - MIN_PHI), 1e-4, 1 - 1e-4));
    }
    return u;
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  static HoltWintersParams decode(HoltWintersSpec spec, double[] u) {
    double alpha = MIN_ALPHA + (MAX_ALPHA - MIN_ALPHA) * sigmoid(u[0]);
    double beta = alpha * sigmoid(u[1]);
    double gamma = spec.period() > 1 ? (1 - alpha) * sigmoid(u[2]) : 0;
    double phi = spec.damped() ? MIN_PHI + (MAX_PHI - MIN_PHI) * sigmoid(u[u.length - 1]) : 1;
    return new HoltWintersParams(alpha, beta, gamma, phi);
  }

  /**
   * State before the first observation, by classical decomposition of the first k = min(n/m, 4)
   * seasons: a line through the season means gives level and trend; seasonal indices are the
   * detrended averages per phase, normalised to sum to zero. More than two seasons matter: with
   * two, each index averages only two noisy values and the fit compensates with a large γ.
   */
  static HoltWintersState initialState(double[] y, int m) {
    double level;
    double trend;
    double[] season;
    if (m > 1) {
      int k = Math.min(y.length / m, 4);
      double[] means = new double[k];
      double sumJ = 0, sumM = 0, sumJJ = 0, sumJM = 0;
      int used = 0;
      for (int j = 0; j < k; j++) {
        means[j] = RobustStats.mean(y, j * m, (j + 1) * m);
        if (!Double.isNaN(means[j])) {
          sumJ += j;
          sumM += means[j];
          sumJJ += (double) j * j;
          sumJM += j * means[j];
          used++;
        }
      }
      double denominator = used * sumJJ - sumJ * sumJ;
      double slopePerSeason =
          (used < 2 || denominator == 0) ? 0 : (used * sumJM - sumJ * sumM) / denominator;
      double centreOfFirst = used == 0 ? firstFinite(y) : (sumM - slopePerSeason * sumJ) / used;
      trend = slopePerSeason / m;
      season = new double[m];
      double centre = (m - 1) / 2.0;
      double total = 0;
      for (int i = 0; i < m; i++) {
        double sum = 0;
        int n = 0;
        for (int j = 0; j < k; j++) {
          double v = y[i + j * m];
          if (!Double.isNaN(v)) {
            sum += v - (centreOfFirst + (i + j * m - centre) * trend);
            n++;
          }
        }
        season[i] = n == 0 ? 0 : sum / n;
        total += season[i];
      }
      for (int i = 0; i < m; i++) {
        season[i] -= total / m;
      }
      level = centreOfFirst - (centre + 1) * trend;
    } else {
      season = new double[0];
      int k = Math.min(10, y.length - 1);
      double first = firstFinite(y);
      double drift = 0;
      int n = 0;
      for (int t = 1; t <= k; t++) {
        if (!Double.isNaN(y[t]) && !Double.isNaN(y[t - 1])) {
          drift += y[t] - y[t - 1];
          n++;
        }
      }
      trend = n == 0 ? 0 : drift / n;
      level = first - trend;
    }
    return new HoltWintersState(level, trend, season, initialVariance(y, m));
  }

  /** Robust guess of the one-step error variance, to start the running scale of the filter. */
  private static double initialVariance(double[] y, int m) {
    int lag = Math.max(1, m);
    double[] diffs = new double[Math.max(0, y.length - lag)];
    for (int t = lag; t < y.length; t++) {
      diffs[t - lag] = y[t] - y[t - lag];
    }
    double sd = RobustStats.MAD_TO_SD * RobustStats.mad(diffs) / Math.sqrt(2);
    if (!(sd > 0)) {
      double scale = Math.abs(firstFinite(y));
      sd = 1e-6 * (Double.isNaN(scale) || scale == 0 ? 1 : scale);
    }
    return sd * sd;
  }

  private static double firstFinite(double[] y) {
    for (double v : y) {
      if (!Double.isNaN(v)) {
        return v;
      }
    }
    return 0;
  }

  private static double sigmoid(double u) {
    return 1 / (1 + Math.exp(-u));
  }

  private static double logit(double p) {
    return Math.log(p / (1 - p));
  }

  private static final class BestSoFar {
    double[] point;
    double loss = Double.POSITIVE_INFINITY;

    BestSoFar(double[] start) {
      this.point = start.clone();
    }

    void offer(double[] u, double value) {
      if (value < loss) {
        loss = value;
        point = u.clone();
      }
    }
  }
}

package io.chronoshadow.prophet.causal;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.FDistribution;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

/**
 * Granger causality x → y for two aligned regular series. For each lag order p = 1..L it compares
 * by OLS (with intercept)
 *
 * <pre>
 *   restricted:   y_t = c + Σ_{i=1..p} a_i y_{t−i}                       + e_t
 *   unrestricted: y_t = c + Σ_{i=1..p} a_i y_{t−i} + Σ_{i=1..p} b_i x_{t−i} + e_t
 * </pre>
 *
 * with F = ((RSS_r − RSS_u)/p) / (RSS_u/(N − 2p − 1)) against F(p, N − 2p − 1). Every lag order
 * uses the same sample (t = L..n−1) so that their AICs ({@code N ln(RSS_u/N) + 2(2p+1)}) are
 * comparable. Rows where any needed value is NaN are dropped. The test assumes stationary series:
 * difference trending series first, or a common trend will look like causality.
 */
public final class GrangerCausality {
  private GrangerCausality() {}

  public static GrangerResult test(double[] x, double[] y, int maxLag) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("x and y must be aligned (same length)");
    }
    if (maxLag < 1) {
      throw new IllegalArgumentException("maxLag must be >= 1");
    }
    List<LagResult> results = new ArrayList<>();
    LagResult best = null;
    for (int p = 1; p <= maxLag; p++) {
      LagResult r = testLag(x, y, p, maxLag);
      results.add(r);
      if (best == null || r.aic() < best.aic()) {
        best = r;
      }
    }
    return new GrangerResult(results, best);
  }

  /** First differences, the usual way to make trending series fit for this test. */
  public static double[] difference(double[] v) {
    double[] d = new double[Math.max(0, v.length - 1)];
    for (int t = 1; t < v.length; t++) {
      d[t - 1] = v[t] - v[t - 1];
    }
    return d;
  }

  private static LagResult testLag(double[] x, double[] y, int p, int maxLag) {
    List<double[]> restrictedRows = new ArrayList<>();
    List<double[]> unrestrictedRows = new ArrayList<>();
    List<Double> targets = new ArrayList<>();
    for (int t = maxLag; t < y.length; t++) {
      double[] r = new double[p];
      double[] u = new double[2 * p];
      boolean complete = !Double.isNaN(y[t]);
      for (int i = 1; i <= p; i++) {
        r[i - 1] = y[t - i];
        u[i - 1] = y[t - i];
        u[p + i - 1] = x[t - i];
        complete &= !Double.isNaN(y[t - i]) && !Double.isNaN(x[t - i]);
      }
      if (complete) {
        restrictedRows.add(r);
        unrestrictedRows.add(u);
        targets.add(y[t]);
      }
    }
    int n = targets.size();
    int df2 = n - 2 * p - 1;
    if (df2 < 1) {
      throw new IllegalArgumentException("too few complete rows (" + n + ") for lag " + p);
    }
    double[] target = targets.stream().mapToDouble(Double::doubleValue).toArray();
    double rssRestricted = rss(target, restrictedRows.toArray(new double[0][]));
    double rssUnrestricted = rss(target, unrestrictedRows.toArray(new double[0][]));
    double f = ((rssRestricted - rssUnrestricted) / p) / (rssUnrestricted / df2);
    double pValue =
        Double.isFinite(f)
            ? 1 - new FDistribution(null, p, df2).cumulativeProbability(Math.max(0, f))
            : 0;
    double aic = n * Math.log(rssUnrestricted / n) + 2 * (2 * p + 1);
    return new LagResult(p, f, p, df2, pValue, aic);
  }

  private static double rss(double[] target, double[][] regressors) {
    OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
    ols.newSampleData(target, regressors);
    return ols.calculateResidualSumOfSquares();
  }
}

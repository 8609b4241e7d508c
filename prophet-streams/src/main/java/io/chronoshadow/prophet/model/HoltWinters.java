package io.chronoshadow.prophet.model;

/**
 * Additive Holt-Winters (ETS(A,A,A) / ETS(A,Ad,A)) in error-correction form:
 *
 * <pre>
 *   e_t = y_t − (l_{t−1} + φ b_{t−1} + s_{t−m})
 *   l_t = l_{t−1} + φ b_{t−1} + α e_t
 *   b_t = φ b_{t−1} + β e_t
 *   s_t = s_{t−m} + γ e_t
 *   ŷ_{T+h} = l_T + (φ + … + φ^h) b_T + s_{T+h−m⌈h/m⌉}
 *   Var(e_{T+h}) = σ² (1 + Σ_{j=1}^{h−1} c_j²),  c_j = α + β (φ + … + φ^j) + γ·[j mod m = 0]
 * </pre>
 *
 * σ² is the running (exponentially weighted) variance of one-step errors, started from the fit.
 */
public final class HoltWinters implements Forecaster {
  private final HoltWintersSpec spec;
  private final HoltWintersParams params;
  private final HoltWintersState state;

  HoltWinters(HoltWintersSpec spec, HoltWintersParams params, HoltWintersState state) {
    this.spec = spec;
    this.params = params;
    this.state = state;
  }

  public HoltWintersParams params() {
    return params;
  }

  @Override
  public ModelSpec spec() {
    return spec;
  }

  @Override
  public int period() {
    return spec.period();
  }

  @Override
  public void update(double observed) {
    state.step(observed, params, spec.robust(), spec.huberK());
  }

  @Override
  public PredictiveDistribution forecast(int horizon) {
    if (horizon < 1) {
      throw new IllegalArgumentException("horizon must be >= 1");
    }
    double point = state.level + params.dampedSum(horizon) * state.trend + state.seasonal(horizon);
    double factor = 1;
    for (int j = 1; j < horizon; j++) {
      double c = psiWeight(j);
      factor += c * c;
    }
    return new GaussianForecast(point, Math.sqrt(state.variance * factor));
  }

  @Override
  public double innovationSd() {
    return Math.sqrt(state.variance);
  }

  @Override
  public double psiWeight(int j) {
    boolean seasonal = spec.period() > 1 && j % spec.period() == 0;
    return params.alpha() + params.beta() * params.dampedSum(j) + (seasonal ? params.gamma() : 0);
  }

  @Override
  public void shiftLevel(double delta) {
    state.level += delta;
  }

  @Override
  public Forecaster copy() {
    return new HoltWinters(spec, params, state.copy());
  }
}

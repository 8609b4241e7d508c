package io.chronoshadow.prophet.learn;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;

/**
 * A trained network with what it needs to serve: its {@link NetworkSpec} and each training series'
 * scaler. Forecasts from the last {@code window} steps of a series; a series it was not trained on
 * is scaled by its own recent window (the network is shared across a group's series).
 *
 * <p>Inference runs the block's forward pass directly inside a short-lived NDManager, so every
 * native array is freed when the call returns. Calls are serialised: a PyTorch module is not
 * documented as safe for concurrent forward passes, and a model serves one stream thread anyway.
 */
public final class LearnedForecaster implements AutoCloseable {

  private final Model model;
  private final NetworkSpec spec;
  private boolean closed;

  LearnedForecaster(Model model, NetworkSpec spec) {
    this.model = model;
    this.spec = spec;
  }

  public NetworkSpec spec() {
    return spec;
  }

  Model model() {
    return model;
  }

  /** The forecast after the last step of {@code recent}. */
  public QuantileForecast forecast(SeriesHistory recent) {
    return forecastBatch(List.of(recent)).get(0);
  }

  /**
   * Forecasts several series in one forward pass (batching amortises the per-call overhead).
   *
   * @throws IllegalArgumentException if a series has fewer than {@code window} steps or a missing
   *     value in its last window
   * @throws IllegalStateException once closed
   */
  public synchronized List<QuantileForecast> forecastBatch(List<SeriesHistory> recent) {
    if (closed) {
      throw new IllegalStateException("model " + model.getName() + " is closed");
    }
    int window = spec.window();
    int stride = window * NetworkSpec.FEATURES;
    float[] inputs = new float[recent.size() * stride];
    List<SeriesScaler> used = new ArrayList<>(recent.size());
    for (int b = 0; b < recent.size(); b++) {
      SeriesHistory s = recent.get(b);
      double[] values = s.values();
      SeriesScaler scaler =
          WindowFeatures.write(
              values, values.length, s.firstStep(), s.period(), window, inputs, b * stride);
      if (scaler == null) {
        throw new IllegalArgumentException(
            "series "
                + s.id()
                + " needs "
                + window
                + " complete steps before the forecast origin; has "
                + values.length
                + " steps or a missing value among the last "
                + window);
      }
      used.add(scaler);
    }
    float[] raw;
    try (NDManager manager = model.getNDManager().newSubManager()) {
      NDArray x = manager.create(inputs, new Shape(recent.size(), window, NetworkSpec.FEATURES));
      NDList out =
          model.getBlock().forward(new ParameterStore(manager, false), new NDList(x), false);
      raw = out.head().toFloatArray();
    }
    int horizon = spec.horizon();
    int q = spec.quantileCount();
    List<QuantileForecast> forecasts = new ArrayList<>(recent.size());
    for (int b = 0; b < recent.size(); b++) {
      double[][] values = new double[horizon][q];
      for (int h = 0; h < horizon; h++) {
        for (int k = 0; k < q; k++) {
          values[h][k] = used.get(b).unscale(raw[b * horizon * q + h * q + k]);
        }
      }
      forecasts.add(new QuantileForecast(recent.get(b).id(), spec.quantiles(), values));
    }
    return forecasts;
  }

  /** Waits for a forecast in progress, then frees the native memory. Idempotent. */
  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      model.close();
    }
  }
}

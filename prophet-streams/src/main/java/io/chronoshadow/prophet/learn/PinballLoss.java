package io.chronoshadow.prophet.learn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;

/**
 * The quantile (pinball) loss of every horizon and quantile at once: for level q and error {@code e
 * = y − ŷ}, {@code max(q·e, (q−1)·e)}. Minimising it makes each output the q-quantile of the
 * target, so the model's own outputs are its prediction interval — no distribution is assumed.
 */
final class PinballLoss extends Loss {

  private final float[] levels;
  private final int horizon;

  PinballLoss(double[] quantiles, int horizon) {
    super("pinball");
    this.levels = new float[quantiles.length];
    for (int i = 0; i < quantiles.length; i++) {
      levels[i] = (float) quantiles[i];
    }
    this.horizon = horizon;
  }

  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    NDArray predicted = predictions.singletonOrThrow();
    long batch = predicted.getShape().get(0);
    NDArray yHat = predicted.reshape(new Shape(batch, horizon, levels.length));
    NDArray y = labels.singletonOrThrow().reshape(new Shape(batch, horizon, 1));
    NDArray q = predicted.getManager().create(levels).toType(DataType.FLOAT32, false);
    NDArray error = y.sub(yHat);
    return error.mul(q).maximum(error.mul(q.sub(1f))).mean();
  }
}

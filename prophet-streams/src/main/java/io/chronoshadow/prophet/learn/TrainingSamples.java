package io.chronoshadow.prophet.learn;

import java.util.List;

/**
 * Supervised samples cut from series histories: every complete window of {@code window} steps
 * followed by {@code horizon} known steps, from every series (a group's series are pooled into one
 * model; every window is scaled on its own). Windows touching a missing step are skipped rather
 * than imputed: the model should learn the data, not our filling rule.
 */
record TrainingSamples(float[] inputs, float[] targets, int count) {

  static TrainingSamples cut(List<SeriesHistory> series, NetworkSpec spec) {
    int window = spec.window();
    int horizon = spec.horizon();
    int capacity = 0;
    for (SeriesHistory s : series) {
      capacity += Math.max(0, s.length() - window - horizon + 1);
    }
    float[] inputs = new float[capacity * window * NetworkSpec.FEATURES];
    float[] targets = new float[capacity * horizon];
    int count = 0;
    for (SeriesHistory s : series) {
      double[] values = s.values();
      for (int end = window; end + horizon <= values.length; end++) {
        if (!targetsKnown(values, end, horizon)) {
          continue;
        }
        int inputOffset = count * window * NetworkSpec.FEATURES;
        SeriesScaler scaler =
            WindowFeatures.write(
                values, end, s.firstStep(), s.period(), window, inputs, inputOffset);
        if (scaler == null) {
          continue;
        }
        for (int h = 0; h < horizon; h++) {
          targets[count * horizon + h] = (float) scaler.scale(values[end + h]);
        }
        count++;
      }
    }
    return new TrainingSamples(inputs, targets, count);
  }

  private static boolean targetsKnown(double[] values, int end, int horizon) {
    for (int h = 0; h < horizon; h++) {
      if (!Double.isFinite(values[end + h])) {
        return false;
      }
    }
    return true;
  }
}

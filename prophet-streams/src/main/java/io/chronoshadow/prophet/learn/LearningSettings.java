package io.chronoshadow.prophet.learn;

import java.util.List;

/**
 * How learned models are trained and deployed for a group.
 *
 * @param architectures which families to train on each run (each is backtested on its own)
 * @param window input steps
 * @param horizon steps ahead forecast
 * @param backtestFraction share of each history held out for the rolling-origin backtest (the
 *     network trains on the rest)
 * @param backtestEvery steps between backtest origins
 * @param retrainEverySteps analysis steps between scheduled retrainings of a group
 * @param driftFactor a served model whose rolling MASE exceeds its backtest MASE by this factor
 *     triggers retraining
 * @param driftWindow steps in that rolling MASE
 */
public record LearningSettings(
    List<Architecture> architectures,
    int window,
    int horizon,
    TrainingSettings training,
    double backtestFraction,
    int backtestEvery,
    int retrainEverySteps,
    double driftFactor,
    int driftWindow) {

  public LearningSettings {
    architectures = List.copyOf(architectures);
    if (architectures.isEmpty()) {
      throw new IllegalArgumentException("at least one architecture is needed");
    }
    if (!(backtestFraction > 0 && backtestFraction < 1)) {
      throw new IllegalArgumentException(
          "backtestFraction must be in (0, 1), was " + backtestFraction);
    }
    if (backtestEvery < 1 || retrainEverySteps < 1 || driftWindow < 1) {
      throw new IllegalArgumentException(
          "backtestEvery, retrainEverySteps and driftWindow must be >= 1");
    }
    if (!(driftFactor > 1)) {
      throw new IllegalArgumentException("driftFactor must be > 1, was " + driftFactor);
    }
  }

  /** Both families, two seasons of a daily cycle of 24 steps in the window, 12 steps ahead. */
  public static LearningSettings defaults(long seed) {
    return new LearningSettings(
        List.of(Architecture.LSTM, Architecture.TRANSFORMER),
        48,
        12,
        TrainingSettings.defaults(seed),
        0.3,
        6,
        24 * 7,
        1.5,
        48);
  }

  public NetworkSpec network(Architecture architecture) {
    return NetworkSpec.small(architecture, window, horizon);
  }
}

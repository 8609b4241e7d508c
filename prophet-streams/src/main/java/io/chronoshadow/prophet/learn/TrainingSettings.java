package io.chronoshadow.prophet.learn;

/**
 * How a network is trained: Adam at a fixed learning rate for at most {@code epochs} passes over
 * the samples in shuffled mini-batches, stopping early once the loss has not improved by 0.5% for
 * {@code patience} epochs. The seed fixes initial weights and shuffling.
 */
public record TrainingSettings(
    int epochs, int batchSize, double learningRate, int patience, long seed) {

  public TrainingSettings {
    if (epochs < 1 || batchSize < 1 || patience < 1) {
      throw new IllegalArgumentException(
          "epochs, batchSize and patience must be >= 1, were "
              + epochs
              + ", "
              + batchSize
              + ", "
              + patience);
    }
    if (!(learningRate > 0)) {
      throw new IllegalArgumentException("learningRate must be > 0, was " + learningRate);
    }
  }

  public static TrainingSettings defaults(long seed) {
    return new TrainingSettings(60, 64, 3e-3, 8, seed);
  }

  public TrainingSettings withEpochs(int n) {
    return new TrainingSettings(n, batchSize, learningRate, patience, seed);
  }
}

package io.chronoshadow.prophet.learn;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains one network on the pooled windows of a group's series. Pure computation on the calling
 * thread; {@link TrainingService} is what keeps it off the stream threads.
 */
public final class NetworkTrainer {

  private static final Logger LOG = LoggerFactory.getLogger(NetworkTrainer.class);
  private static final double MIN_IMPROVEMENT = 0.005;

  private NetworkTrainer() {}

  /** A trained forecaster and how its training went. */
  public record Trained(LearnedForecaster forecaster, TrainingReport report) {}

  /**
   * @throws IllegalArgumentException if the histories hold fewer than one batch of complete windows
   */
  public static Trained train(
      String name, NetworkSpec spec, TrainingSettings settings, List<SeriesHistory> series) {
    TrainingSamples samples = TrainingSamples.cut(series, spec);
    if (samples.count() < Math.min(settings.batchSize(), 16)) {
      throw new IllegalArgumentException(
          "too little history to train "
              + spec
              + ": "
              + samples.count()
              + " complete windows of "
              + (spec.window() + spec.horizon())
              + " steps");
    }
    Engine.getEngine("PyTorch").setRandomSeed((int) settings.seed());
    Model model = Model.newInstance(name, Device.cpu(), "PyTorch");
    try {
      model.setBlock(spec.newBlock());
      TrainingReport report = fit(model, spec, settings, samples);
      return new Trained(new LearnedForecaster(model, spec), report);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  private static TrainingReport fit(
      Model model, NetworkSpec spec, TrainingSettings settings, TrainingSamples samples) {
    DefaultTrainingConfig config =
        new DefaultTrainingConfig(new PinballLoss(spec.quantiles(), spec.horizon()))
            .optOptimizer(
                Optimizer.adam()
                    .optLearningRateTracker(Tracker.fixed((float) settings.learningRate()))
                    .build());
    int window = spec.window();
    int horizon = spec.horizon();
    int inputStride = window * NetworkSpec.FEATURES;
    int n = samples.count();
    int batch = Math.min(settings.batchSize(), n);
    Random shuffle = new Random(settings.seed());
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    List<Double> losses = new ArrayList<>();
    List<Long> times = new ArrayList<>();
    double best = Double.POSITIVE_INFINITY;
    int sinceBest = 0;
    try (Trainer trainer = model.newTrainer(config)) {
      trainer.initialize(new Shape(batch, window, NetworkSpec.FEATURES));
      for (int epoch = 0; epoch < settings.epochs(); epoch++) {
        long t0 = System.nanoTime();
        shuffleInPlace(order, shuffle);
        double lossSum = 0;
        int batches = 0;
        // Whole batches only: a ragged last batch would weigh a few samples as much as a full one.
        for (int from = 0; from + batch <= n; from += batch) {
          float[] x = new float[batch * inputStride];
          float[] y = new float[batch * horizon];
          for (int b = 0; b < batch; b++) {
            int sample = order[from + b];
            System.arraycopy(
                samples.inputs(), sample * inputStride, x, b * inputStride, inputStride);
            System.arraycopy(samples.targets(), sample * horizon, y, b * horizon, horizon);
          }
          try (NDManager batchManager = trainer.getManager().newSubManager();
              GradientCollector collector = trainer.newGradientCollector()) {
            NDArray input = batchManager.create(x, new Shape(batch, window, NetworkSpec.FEATURES));
            NDArray target = batchManager.create(y, new Shape(batch, horizon));
            NDList predicted = trainer.forward(new NDList(input));
            NDArray loss = trainer.getLoss().evaluate(new NDList(target), predicted);
            collector.backward(loss);
            lossSum += loss.getFloat();
            batches++;
          }
          trainer.step();
        }
        double epochLoss = lossSum / batches;
        losses.add(epochLoss);
        times.add(System.nanoTime() - t0);
        if (epochLoss < best * (1 - MIN_IMPROVEMENT)) {
          best = epochLoss;
          sinceBest = 0;
        } else if (++sinceBest >= settings.patience()) {
          break;
        }
      }
    }
    TrainingReport report = new TrainingReport(n, losses, times);
    LOG.info(
        "trained {} {} on {} windows: {} epochs, {} ms/epoch, final pinball loss {}",
        model.getName(),
        spec,
        n,
        report.epochs(),
        Math.round(report.meanEpochMillis()),
        String.format("%.4f", report.finalLoss()));
    return report;
  }

  private static void shuffleInPlace(int[] a, Random random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}

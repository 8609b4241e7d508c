package io.chronoshadow.prophet.learn;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Watches one served series for drift: the rolling mean of its scaled one-step errors (|actual −
 * forecast| over the seasonal naive in-sample MAE, i.e. a one-step MASE) against the MASE the model
 * earned in its backtest. Drift is declared when the rolling value exceeds {@code factor ×} the
 * backtest over a full window, once; it re-arms when the model is replaced.
 */
final class DriftMonitor {

  private final double backtestMase;
  private final double factor;
  private final int window;
  private final Deque<Double> errors = new ArrayDeque<>();
  private double sum;
  private boolean fired;

  DriftMonitor(double backtestMase, double factor, int window) {
    this.backtestMase = backtestMase;
    this.factor = factor;
    this.window = window;
  }

  /** Records one step; true exactly once, at the step where drift is first seen. */
  boolean observe(double scaledError) {
    if (!Double.isFinite(scaledError)) {
      return false;
    }
    errors.addLast(scaledError);
    sum += scaledError;
    if (errors.size() > window) {
      sum -= errors.removeFirst();
    }
    if (fired || errors.size() < window || !Double.isFinite(backtestMase)) {
      return false;
    }
    if (rollingMase() > factor * backtestMase) {
      fired = true;
      return true;
    }
    return false;
  }

  double rollingMase() {
    return errors.isEmpty() ? Double.NaN : sum / errors.size();
  }
}

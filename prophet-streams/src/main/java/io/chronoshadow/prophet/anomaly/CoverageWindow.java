package io.chronoshadow.prophet.anomaly;

/**
 * Counts the recent steps inside the 80% and 95% intervals in blocks, so that what is reported is
 * the calibration of the last ~{@code BLOCKS × BLOCK_STEPS} steps (a model that was once
 * miscalibrated recovers in the figure) in O(1) memory, and a detector rebuilt from the stored
 * history (at least that many steps) reports nearly the same figure.
 */
final class CoverageWindow {
  static final int BLOCK_STEPS = 60;
  static final int BLOCKS = 16;

  private final int[] scored = new int[BLOCKS];
  private final int[] in80 = new int[BLOCKS];
  private final int[] in95 = new int[BLOCKS];
  private int block;

  void record(boolean inside80, boolean inside95) {
    if (scored[block] == BLOCK_STEPS) {
      block = (block + 1) % BLOCKS;
      scored[block] = 0;
      in80[block] = 0;
      in95[block] = 0;
    }
    scored[block]++;
    in80[block] += inside80 ? 1 : 0;
    in95[block] += inside95 ? 1 : 0;
  }

  Coverage snapshot() {
    int n = 0, a = 0, b = 0;
    for (int i = 0; i < BLOCKS; i++) {
      n += scored[i];
      a += in80[i];
      b += in95[i];
    }
    return new Coverage(n, a, b);
  }
}

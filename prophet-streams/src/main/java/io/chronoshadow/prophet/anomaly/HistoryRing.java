package io.chronoshadow.prophet.anomaly;

/** The last N cleaned observations of a series, for refits. */
final class HistoryRing {
  private final double[] ring;
  private int count;
  private int next;

  HistoryRing(int capacity) {
    this.ring = new double[capacity];
  }

  void add(double value) {
    ring[next] = value;
    next = (next + 1) % ring.length;
    count = Math.min(count + 1, ring.length);
  }

  /** Overwrites the value {@code stepsBack} steps before the newest (0 = newest). */
  void replace(int stepsBack, double value) {
    if (stepsBack < count) {
      ring[Math.floorMod(next - 1 - stepsBack, ring.length)] = value;
    }
  }

  int size() {
    return count;
  }

  double[] toArray() {
    double[] out = new double[count];
    int start = Math.floorMod(next - count, ring.length);
    for (int i = 0; i < count; i++) {
      out[i] = ring[(start + i) % ring.length];
    }
    return out;
  }
}

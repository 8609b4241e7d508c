package io.chronoshadow.prophet.learn;

/** The learned model families. */
public enum Architecture {
  /** A recurrent encoder: reads the window step by step; its last state feeds the output head. */
  LSTM("lstm"),
  /**
   * A self-attention encoder over the window (every step attends to every other); the last step's
   * output feeds the output head. Sees long-range patterns in the window directly, where an LSTM
   * must carry them.
   */
  TRANSFORMER("transformer");

  private final String label;

  Architecture(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static Architecture fromLabel(String label) {
    for (Architecture a : values()) {
      if (a.label.equals(label)) {
        return a;
      }
    }
    throw new IllegalArgumentException(
        "unknown architecture '" + label + "' (expected lstm or transformer)");
  }
}

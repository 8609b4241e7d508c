package io.chronoshadow.devstack.workload;

/** Faults the demo can inject on request, so that the Prophet has something real to detect. */
public enum Anomaly {
  /**
   * One transaction multiplies the price of a batch of products by 0.01 or by 100 (a decimal-point
   * bug in a pricing job).
   */
  PRICE_GLITCH,
  /**
   * A cleanup job gone wrong: deletes the oldest orders (with their lines and payments) in quick
   * batches until a configured fraction of the orders table is gone.
   */
  RUNAWAY_DELETE,
  /** Every product of one category is driven to zero stock over a few transactions. */
  STOCK_DRAIN,
  /**
   * The order rate jumps to a multiple of normal for a while (a flash sale or a bot): extra orders
   * arrive at (factor − 1) × the everyday order rate of the rate profile, on their own session. If
   * the paced runner was never started, virtual time is 0, i.e. the trough rate.
   */
  ORDER_SPIKE
}

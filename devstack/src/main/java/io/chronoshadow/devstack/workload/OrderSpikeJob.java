package io.chronoshadow.devstack.workload;

/**
 * ORDER_SPIKE: for a while, extra orders arrive so that the order rate is {@code orderSpikeFactor}
 * times what the rate profile would give. They come on top of the everyday steps, from this job's
 * own session, like traffic from a separate flash-sale front end.
 */
final class OrderSpikeJob implements AnomalyJob {

  private static final long MAX_LAG_NANOS = 1_000_000_000L;

  @Override
  public Result run(Context context) {
    WorkloadConfig config = context.config();
    double extraShare = (config.orderSpikeFactor() - 1.0) * OperationPlanner.ORDER_SHARE;
    long start = System.nanoTime();
    long end = start + config.orderSpikeDuration().toNanos();
    long deadline = start;
    long orders = 0;
    long attempts = 0;
    boolean completed = true;
    while (true) {
      // when the database cannot keep up we never sleep, so the stop request is polled here
      if (context.stop().isStopped()) {
        completed = false;
        break;
      }
      double rate = extraShare * context.profile().ratePerSecond(context.clock().elapsed());
      deadline += (long) (context.random().nextExponential(1.0 / rate) * 1e9);
      long now = System.nanoTime();
      if (deadline >= end) {
        completed = context.stop().pause(end - now);
        break;
      }
      if (deadline > now) {
        if (!context.stop().pause(deadline - now)) {
          completed = false;
          break;
        }
      } else if (now - deadline > MAX_LAG_NANOS) {
        deadline = now;
      }
      attempts++;
      if (context.runner().run(context.planner().extraOrder(context.random())).committed()) {
        orders++;
      }
    }
    return new Result(
        orders,
        completed,
        String.format(
            "factor=%s for %s: extra orders committed=%d of %d attempted",
            config.orderSpikeFactor(), config.orderSpikeDuration(), orders, attempts));
  }
}

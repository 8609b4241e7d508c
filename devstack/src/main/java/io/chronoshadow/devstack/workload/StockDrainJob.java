package io.chronoshadow.devstack.workload;

import io.chronoshadow.devstack.workload.AnomalyOperations.DrainStock;
import java.time.Duration;

/**
 * STOCK_DRAIN: the stock of every product in one category falls in equal steps and the last step
 * sets it to zero (a trend first, then the floor, as a real sell-out or a stock-sync bug looks).
 */
final class StockDrainJob implements AnomalyJob {

  @Override
  public Result run(Context context) {
    String category = ShopVocabulary.pick(context.random(), ShopVocabulary.CATEGORIES);
    int steps = context.config().stockDrainSteps();
    Duration pauseBetween =
        steps > 1 ? context.config().stockDrainDuration().dividedBy(steps - 1) : Duration.ZERO;
    long rows = 0;
    for (int remaining = steps; remaining >= 1; remaining--) {
      TransactionRunner.Result result =
          context
              .runner()
              .run(new DrainStock(category, remaining, context.planner().currentBusinessTime()));
      if (remaining == 1) {
        rows = result.rows();
        return new Result(
            rows,
            result.committed(),
            "category=" + category + " products set to 0=" + rows + " steps=" + steps);
      }
      if (!context.pause(pauseBetween)) {
        break;
      }
    }
    return new Result(rows, false, "category=" + category + " stopped before reaching zero");
  }
}

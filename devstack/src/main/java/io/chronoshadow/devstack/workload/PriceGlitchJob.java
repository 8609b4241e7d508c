package io.chronoshadow.devstack.workload;

import io.chronoshadow.devstack.workload.AnomalyOperations.GlitchPrices;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.TreeSet;

/** PRICE_GLITCH: one transaction multiplies a batch of prices by 0.01 or by 100. */
final class PriceGlitchJob implements AnomalyJob {

  static final BigDecimal SHRINK = new BigDecimal("0.01");
  static final BigDecimal BLOW_UP = new BigDecimal("100");

  @Override
  public Result run(Context context) {
    long productCount = context.planner().productCount();
    int batch = (int) Math.min(context.config().priceGlitchProducts(), productCount);
    TreeSet<Long> productIds = new TreeSet<>();
    while (productIds.size() < batch) {
      productIds.add(1L + context.random().nextInt((int) productCount));
    }
    BigDecimal factor = context.random().chance(0.5) ? SHRINK : BLOW_UP;
    GlitchPrices glitch =
        new GlitchPrices(
            new ArrayList<>(productIds), factor, context.planner().currentBusinessTime());
    TransactionRunner.Result result = context.runner().run(glitch);
    return new Result(
        result.rows(),
        result.committed(),
        "factor=" + factor.toPlainString() + " products=" + productIds);
  }
}

package io.chronoshadow.prophet.query;

import io.chronoshadow.prophet.causal.GrangerResult;

/**
 * Does {@code cause} help predict {@code effect}? The Granger test of the pair (level series
 * differenced first) with the AIC-best lag, its F statistic and p-value.
 */
public record GrangerPair(String cause, String effect, int lag, double fStatistic, double pValue) {
  static GrangerPair of(String cause, String effect, GrangerResult r) {
    return new GrangerPair(
        cause, effect, r.bestByAic().lag(), r.bestByAic().fStatistic(), r.bestByAic().pValue());
  }
}

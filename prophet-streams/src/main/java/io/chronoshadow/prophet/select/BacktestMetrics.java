package io.chronoshadow.prophet.select;

import io.chronoshadow.prophet.model.ModelSpec;

/**
 * One candidate's rolling-origin backtest: MASE (mean over origins of the origin's MAE scaled by
 * the seasonal naive in-sample MAE of that origin's training window), sMAPE and MAE over every
 * forecast made, and how many forecasts that was.
 */
public record BacktestMetrics(
    ModelSpec spec, double mase, double smape, double mae, int forecasts) {}

package io.chronoshadow.prophet.eval;

/**
 * Out-of-sample accuracy of one model on one series: sMAPE (%) and MASE over every forecast at
 * horizons 1..h from every origin after training, the same MASE for seasonal naive as a baseline,
 * and the share of one-step observations inside the 80% interval.
 */
public record ForecastScore(
    String series,
    String model,
    int period,
    int horizon,
    double smape,
    double mase,
    double seasonalNaiveMase,
    double coverage80,
    int forecasts) {}

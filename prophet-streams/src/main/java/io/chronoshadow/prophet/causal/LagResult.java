package io.chronoshadow.prophet.causal;

/**
 * Granger test at one lag order p: F statistic of adding p lags of x to an AR(p) of y, its degrees
 * of freedom and p-value, and the unrestricted model's AIC (for choosing p).
 */
public record LagResult(int lag, double fStatistic, int df1, int df2, double pValue, double aic) {}

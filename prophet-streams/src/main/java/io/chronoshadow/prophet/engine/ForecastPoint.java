package io.chronoshadow.prophet.engine;

import java.time.Instant;

/**
 * One future step of a series' forecast.
 *
 * @param quantiles the values at {@link ProphetEngine#QUANTILES}, in that order
 */
public record ForecastPoint(
    int stepsAhead, Instant time, double point, double lower, double upper, double[] quantiles) {}

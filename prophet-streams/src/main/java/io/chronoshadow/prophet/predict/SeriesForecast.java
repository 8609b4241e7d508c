package io.chronoshadow.prophet.predict;

import java.time.Instant;

/**
 * One series' forecast for the step that contains the requested time: the step's end ({@code
 * target}), how many steps ahead that is, the point forecast, the 0.1/0.5/0.9 quantiles, and the
 * central interval at the requested level.
 */
public record SeriesForecast(
    String seriesId,
    Instant target,
    int horizonSteps,
    double point,
    double p10,
    double p50,
    double p90,
    double lower,
    double upper) {}

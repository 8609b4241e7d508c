/**
 * The per-series analysis the prophet topology runs: resampling shadow statistics into regular
 * steps, anomaly verdicts and forecasts per step, state kept in a {@code SeriesStore} so that a
 * restart resumes without re-alarming (see {@code ProphetEngine}).
 */
package io.chronoshadow.prophet.engine;

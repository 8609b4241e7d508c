package io.chronoshadow.prophet.model;

/**
 * A forecaster whose state is at the end of the history it was fitted on, plus its in-sample
 * one-step residuals (aligned with the history; NaN where the model could not yet forecast).
 */
public record FittedModel(Forecaster forecaster, double[] residuals) {}

/**
 * Forecasters with prediction intervals (seasonal naive, Holt-Winters) and seasonality detection.
 */
package io.chronoshadow.prophet.model;

/**
 * Per-step anomaly detection with robust scale, cold start, level-shift acceptance, explanations.
 */
package io.chronoshadow.prophet.anomaly;

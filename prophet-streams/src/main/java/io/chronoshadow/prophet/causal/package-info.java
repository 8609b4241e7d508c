/** Granger causality and intervention impact by counterfactual forecasting. */
package io.chronoshadow.prophet.causal;

/** Accuracy and detection metrics, CSV series, the synthetic suite and the evaluation harness. */
package io.chronoshadow.prophet.eval;

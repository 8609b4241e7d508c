/** Per-series model selection by rolling-origin backtest. */
package io.chronoshadow.prophet.select;

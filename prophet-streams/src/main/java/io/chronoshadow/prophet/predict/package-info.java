/** Forecasts of a whole group's future state, for the REST API. */
package io.chronoshadow.prophet.predict;

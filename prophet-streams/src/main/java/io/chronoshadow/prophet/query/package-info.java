/**
 * {@code ProphetQueries}: predictFutureState, Granger and intervention impact over the prophet's
 * stored series, for the REST API.
 */
package io.chronoshadow.prophet.query;

/** Small numeric helpers: robust order statistics and autocorrelation. */
package io.chronoshadow.prophet.stats;

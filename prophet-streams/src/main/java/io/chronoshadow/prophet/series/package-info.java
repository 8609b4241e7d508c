/** Regular time series and incremental resampling of irregular shadow statistics onto them. */
package io.chronoshadow.prophet.series;

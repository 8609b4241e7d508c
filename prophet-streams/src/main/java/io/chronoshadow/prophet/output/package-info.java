/**
 * The Avro records of the output topics {@code chrono.forecasts} and {@code chrono.anomalies};
 * their schemas live in the {@code schemas} module ({@code src/main/avro}).
 */
package io.chronoshadow.prophet.output;

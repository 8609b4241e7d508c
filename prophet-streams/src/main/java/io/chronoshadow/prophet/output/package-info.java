/**
 * The Avro records of the output topics {@code chrono.forecasts} and {@code chrono.anomalies};
 * their schemas and the classes generated from them live in the {@code schemas} module ({@code
 * src/main/avro}, package {@code io.chronoshadow.schemas.avro}).
 */
package io.chronoshadow.prophet.output;

/**
 * The Avro records of the output topics {@code chrono.shadows} and {@code chrono.shadow-stats};
 * their schemas live in the {@code schemas} module ({@code src/main/avro}).
 */
package io.chronoshadow.shadow.output;

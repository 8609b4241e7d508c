/**
 * The prophet topology over {@code chrono.shadow-stats}: one processor driving the {@code
 * ProphetEngine}, two changelogged stores, Avro outputs and a dead-letter sink.
 */
package io.chronoshadow.prophet.topology;

/**
 * The prophet-streams application: {@code ProphetStreamsConfig} (validated, from properties),
 * {@code ProphetStreamsApp} (create/start/close, metrics, queries, a {@code main} for standalone
 * use).
 */
package io.chronoshadow.prophet.app;

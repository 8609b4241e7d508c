/**
 * The shadow-streams application: {@code ShadowStreamsConfig} (validated, from properties), {@code
 * ShadowStreamsApp} (create/start/close, health, a {@code main} for standalone use).
 */
package io.chronoshadow.shadow.app;

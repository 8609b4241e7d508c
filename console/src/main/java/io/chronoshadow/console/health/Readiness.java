package io.chronoshadow.console.health;

import java.util.function.Supplier;

/**
 * One readiness check: a name and a probe that answers null when ready, else why not (a sentence an
 * operator can act on).
 */
public record Readiness(String name, Supplier<String> problem) {}

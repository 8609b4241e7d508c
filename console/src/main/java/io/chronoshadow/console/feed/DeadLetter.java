package io.chronoshadow.console.feed;

import java.time.Instant;

/** A record of the dead-letter topic, by its reason headers (never its payload). */
public record DeadLetter(
    String reason, String detail, String topic, String partition, String offset, Instant time) {}

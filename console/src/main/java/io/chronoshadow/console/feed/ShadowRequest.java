package io.chronoshadow.console.feed;

import java.time.Instant;

/** A manual cut request as logged on the requests topic. */
public record ShadowRequest(String group, String requestId, Instant requestedAt) {}

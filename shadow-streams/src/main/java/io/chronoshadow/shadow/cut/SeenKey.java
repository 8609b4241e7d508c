package io.chronoshadow.shadow.cut;

/**
 * A key remembered for duplicate detection, with the commit time that bounds how long it is kept.
 */
public record SeenKey(String key, long commitMillis) {}

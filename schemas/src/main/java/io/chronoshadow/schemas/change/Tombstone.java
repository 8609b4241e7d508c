package io.chronoshadow.schemas.change;

import java.util.Map;

/**
 * A record with a null value: Debezium follows each delete with one so that compaction can drop the
 * key. Not an error; it carries no change of its own.
 */
public record Tombstone(String topic, Map<String, Object> key) implements DecodedRecord {}

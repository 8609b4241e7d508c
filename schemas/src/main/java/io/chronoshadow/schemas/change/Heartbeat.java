package io.chronoshadow.schemas.change;

import java.time.Instant;
import java.util.Map;

/**
 * A Debezium heartbeat: proof of progress while captured tables are idle.
 *
 * @param timestamp the heartbeat's {@code ts_ms}
 * @param lsn the source LSN when the record carries one (Debezium's plain heartbeat does not; a
 *     heartbeat enriched with its source offset does), else null
 * @param key the heartbeat key (usually {@code serverName})
 */
public record Heartbeat(Instant timestamp, Long lsn, Map<String, Object> key)
    implements DecodedRecord {}

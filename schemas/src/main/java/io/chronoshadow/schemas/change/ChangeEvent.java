package io.chronoshadow.schemas.change;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One row change as Debezium reported it, with values normalized to plain Java types (see {@link
 * ValueNormalizer}).
 *
 * @param sourceTable {@code schema.table} (or {@code db.table} for sources without schemas)
 * @param key the primary key columns in key-schema order; empty for tables without a key
 * @param before the row before the change; null for creates, reads, truncates
 * @param after the row after the change; null for deletes and truncates
 * @param transactionId Debezium's {@code transaction.id} (e.g. {@code "571:34445656"}), null when
 *     transaction metadata is off
 * @param txId the source's {@code source.txId}, null when the source has none
 * @param lsn the source's {@code source.lsn}, null when the source has none
 * @param sequence {@code source.sequence} parsed: for PostgreSQL {@code [last commit LSN, LSN]},
 *     elements may be null; null when absent
 * @param commitTime when the source committed ({@code source.ts_us}, else {@code source.ts_ms})
 * @param eventTime when Debezium processed the change (envelope {@code ts_us}, else {@code ts_ms})
 * @param totalOrder {@code transaction.total_order}, null when absent
 * @param dataCollectionOrder {@code transaction.data_collection_order}, null when absent
 * @param source the whole normalized {@code source} block, for anything else it carries
 */
public record ChangeEvent(
    String sourceTable,
    Map<String, Object> key,
    Op op,
    Map<String, Object> before,
    Map<String, Object> after,
    String transactionId,
    Long txId,
    Long lsn,
    List<Long> sequence,
    Instant commitTime,
    Instant eventTime,
    Long totalOrder,
    Long dataCollectionOrder,
    Map<String, Object> source)
    implements DecodedRecord {
  public ChangeEvent {
    Objects.requireNonNull(sourceTable, "sourceTable");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(op, "op");
  }
}
